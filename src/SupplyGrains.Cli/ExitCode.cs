namespace SupplyGrains.Cli;

/// <summary>
/// What <c>supplygrains</c> returns to the shell. Scripts branch on these numbers, so they never change meaning;
/// <c>--help</c> and the README list them from <see cref="All"/>.
/// </summary>
public static class ExitCode
{
    public const int Ok = 0;

    /// <summary>The command line itself is wrong: unknown command, missing or malformed option (System.CommandLine's own code).</summary>
    public const int Usage = 1;

    public const int NotFound = 2;

    public const int InvalidInput = 3;

    public const int Conflict = 4;

    public const int ClusterUnreachable = 5;

    /// <summary>Anything else: a fault in the CLI or the cluster, reported with its message.</summary>
    public const int Failure = 6;

    /// <summary>Ctrl+C, as shells count it (128 + SIGINT).</summary>
    public const int Interrupted = 130;

    public static readonly IReadOnlyList<(int Code, string Meaning)> All =
    [
        (Ok, "done"),
        (Usage, "bad command line: unknown command, missing or malformed argument or option"),
        (NotFound, "an id that does not exist (order, run, policy version, product line, customer)"),
        (InvalidInput, "input the rules refuse: a bad CSV row (line and column), a bad JSON file, a value the grains reject"),
        (Conflict, "the request contradicts the current state: a stale preview, another request under the same id, a policy not in force"),
        (ClusterUnreachable, "no cluster answered at the gateway tried (the message names it), or it stopped answering"),
        (Failure, "an unexpected fault; the message says what"),
        (Interrupted, "interrupted (Ctrl+C)"),
    ];
}
