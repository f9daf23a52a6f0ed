using Spectre.Console.Testing;

namespace SupplyGrains.Cli.Tests;

/// <summary>Runs the real <c>supplygrains</c> command tree in the test process and captures what it writes.</summary>
public sealed class Cli(IGrainFactory? grains = null)
{
    /// <summary>Wide enough that the run tables of the story do not wrap, so snapshots read like a terminal.</summary>
    public const int Width = 160;

    public TestClusterConnector Connector { get; } = new(grains);

    public Task<CliResult> Run(params string[] args) => Run(interactive: false, args);

    public async Task<CliResult> Run(bool interactive, params string[] args)
    {
        var output = new TestConsole().Width(Width);
        if (interactive) output.Interactive();
        var error = new TestConsole().Width(Width);
        var exitCode = await SupplyGrainsCli.RunAsync(args, Connector, new Terminal(output, error));
        return new CliResult(exitCode, output.Output, error.Output);
    }
}
