using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace SupplyGrains.Cli.CommandLine;

/// <summary>
/// The default help, followed on <c>supplygrains --help</c> by the exit codes: System.CommandLine has no section for
/// them, and scripts need them where a planner looks first.
/// </summary>
public sealed class HelpWithExitCodes(HelpAction help) : SynchronousCommandLineAction
{
    public override int Invoke(ParseResult parseResult)
    {
        var code = help.Invoke(parseResult);
        if (parseResult.CommandResult.Command is not RootCommand) return code;
        var output = parseResult.InvocationConfiguration.Output;
        output.WriteLine("Exit codes:");
        foreach (var (exitCode, meaning) in ExitCode.All) output.WriteLine($"  {exitCode,3}  {meaning}");
        output.WriteLine();
        return code;
    }
}
