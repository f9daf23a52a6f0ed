using Spectre.Console;
using SupplyGrains.Cli.Cluster;
using SupplyGrains.Domain;

namespace SupplyGrains.Cli.CommandLine;

/// <summary>
/// Turns what a command threw into one message on stderr and a fixed exit code: the grains' domain errors (the HTTP
/// API's 404, 400 and 409) and a cluster that does not answer, each with its own code.
/// </summary>
public static class Failures
{
    public static int Report(Exception exception, IAnsiConsole error, CancellationToken cancellationToken)
    {
        var (code, message) = Classify(exception, cancellationToken);
        Write(error, message);
        return code;
    }

    /// <summary>The exit code an error stands for, and the message that tells the user.</summary>
    public static (int Code, string Message) Classify(Exception exception, CancellationToken cancellationToken) =>
        exception switch
        {
            InvalidInputException e => (ExitCode.InvalidInput, e.Message),
            NotFoundException e => (ExitCode.NotFound, e.Message),
            DomainValidationException e => (ExitCode.InvalidInput, Fields(e)),
            ConflictException e => (ExitCode.Conflict, e.Message),
            ClusterUnreachableException e => (ExitCode.ClusterUnreachable, e.Message),
            SiloUnavailableException or OrleansMessageRejectionException or TimeoutException =>
                (ExitCode.ClusterUnreachable, $"The cluster stopped answering: {exception.Message}"),
            OperationCanceledException when cancellationToken.IsCancellationRequested => (ExitCode.Interrupted, "Interrupted."),
            _ => (ExitCode.Failure, $"{exception.GetType().Name}: {exception.Message}"),
        };

    /// <summary>
    /// One line per error. On a terminal it is coloured and wrapped to the window; redirected, it is written as is,
    /// since a log or a script must see the message whole, not broken at column 80.
    /// </summary>
    public static void Write(IAnsiConsole error, string message)
    {
        if (error.Profile.Out.IsTerminal) error.MarkupLine($"[red]error:[/] {Markup.Escape(message)}");
        else error.Profile.Out.Writer.WriteLine($"error: {message}");
    }

    private static string Fields(DomainValidationException e) =>
        "Invalid input: " + string.Join("; ", e.Errors.Select(kv => $"{Camel(kv.Key)}: {string.Join(" ", kv.Value)}"));

    // Field names as the JSON and the CSV header spell them (RequestedWeek → requestedWeek, EndUser.Country → endUser.country).
    private static string Camel(string field) =>
        string.Join('.', field.Split('.').Select(part => part.Length > 0 && char.IsUpper(part[0]) ? char.ToLowerInvariant(part[0]) + part[1..] : part));
}
