using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using SupplyGrains.Cli.Cluster;
using SupplyGrains.Cli.CommandLine;
using SupplyGrains.Cli.Commands;

namespace SupplyGrains.Cli;

/// <summary>
/// The <c>supplygrains</c> command tree. The program runs it against a real cluster and the process's terminal; tests
/// run the same tree against a test cluster and capture what it writes.
/// </summary>
public static class SupplyGrainsCli
{
    public static RootCommand Build(IClusterConnector connector, Terminal terminal)
    {
        var options = new GlobalOptions();
        var binder = new CommandBinder(options, connector, terminal);
        var root = new RootCommand(
            "supplygrains: the planner's command line for SupplyGrains. It joins the cluster as an Orleans client " +
            "(the local silo's gateway by default, the PostgreSQL cluster with --postgres) and speaks to its grains.")
        {
            ScenarioCommands.Create(binder),
            OrderCommands.Create(binder),
            PolicyCommands.Create(binder),
            RunCommands.Create(binder),
            SupplyCommands.Create(binder),
        };
        foreach (var option in options.All) root.Options.Add(option);
        var help = root.Options.OfType<HelpOption>().Single();
        help.Action = new HelpWithExitCodes((HelpAction)help.Action!);
        return root;
    }

    public static async Task<int> RunAsync(string[] args, IClusterConnector connector, Terminal terminal, CancellationToken cancellationToken = default)
    {
        var parse = Build(connector, terminal).Parse(args);
        // The errors and a pointer to the help say more than the whole help printed after them.
        if (parse.Action is ParseErrorAction parseError) parseError.ShowHelp = false;
        var exitCode = await parse.InvokeAsync(new InvocationConfiguration
        {
            Output = terminal.Out.Profile.Out.Writer,
            Error = terminal.Error.Profile.Out.Writer,
        }, cancellationToken);
        if (parse.Errors.Count > 0)
            terminal.Error.Profile.Out.Writer.WriteLine($"Run '{string.Join(' ', HelpPath(parse))} --help' for usage.");
        return exitCode;
    }

    private static IEnumerable<string> HelpPath(ParseResult parse)
    {
        var names = new Stack<string>();
        for (var result = parse.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
            names.Push(result.Command is RootCommand ? "supplygrains" : result.Command.Name);
        return names;
    }
}
