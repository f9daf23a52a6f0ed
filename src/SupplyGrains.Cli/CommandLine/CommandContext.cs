using System.CommandLine;
using Spectre.Console;
using SupplyGrains.Cli.Cluster;

namespace SupplyGrains.Cli.CommandLine;

/// <summary>
/// What a command's handler works with: the parsed command line, the cluster's grains (joined on first use, so that a
/// file can be checked before anything connects), the terminal, who is acting and whether to print JSON.
/// </summary>
public sealed class CommandContext(ParseResult parse, GlobalOptions options, IClusterConnector connector, Terminal terminal)
{
    private IGrainFactory? _grains;

    public ParseResult Parse => parse;

    public IAnsiConsole Out => terminal.Out;

    public IAnsiConsole Error => terminal.Error;

    public string By => parse.GetValue(options.As)!;

    public bool Json => parse.GetValue(options.Json);

    public ClusterSettings Settings => options.Settings(parse);

    public T Value<T>(Option<T> option) => parse.GetValue(option)!;

    public T Value<T>(Argument<T> argument) => parse.GetValue(argument)!;

    public async Task<IGrainFactory> Grains(CancellationToken cancellationToken) =>
        _grains ??= await connector.ConnectAsync(Settings, cancellationToken);
}
