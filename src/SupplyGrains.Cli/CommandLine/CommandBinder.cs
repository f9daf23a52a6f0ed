using System.CommandLine;
using SupplyGrains.Cli.Cluster;

namespace SupplyGrains.Cli.CommandLine;

/// <summary>Gives each command's handler its <see cref="CommandContext"/> and turns what it throws into an exit code.</summary>
public sealed class CommandBinder(GlobalOptions options, IClusterConnector connector, Terminal terminal)
{
    public Command Bind(Command command, CommandHandler handler)
    {
        command.SetAction(async (parse, cancellationToken) =>
        {
            var context = new CommandContext(parse, options, connector, terminal);
            try
            {
                return await handler(context, cancellationToken);
            }
            catch (Exception e)
            {
                return Failures.Report(e, terminal.Error, cancellationToken);
            }
        });
        return command;
    }
}
