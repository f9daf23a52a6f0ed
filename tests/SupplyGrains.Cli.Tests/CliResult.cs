using System.Text.Json;
using SupplyGrains.Cli.CommandLine;

namespace SupplyGrains.Cli.Tests;

/// <summary>What one run of the command tree gave: its exit code and everything it wrote to stdout and stderr.</summary>
public sealed record CliResult(int ExitCode, string Out, string Error)
{
    /// <summary>The <c>--json</c> output read back into the contract types, as a script in another language would read it.</summary>
    public T Json<T>() => JsonSerializer.Deserialize<T>(Out, CliJson.Options) ?? throw new InvalidOperationException("the output was JSON null");

    public JsonElement JsonElement() => JsonDocument.Parse(Out).RootElement;

    /// <summary>Fails with everything the command wrote when it exited otherwise.</summary>
    public CliResult AssertExit(int expected)
    {
        Assert.True(ExitCode == expected, $"expected exit {expected}, got {this}");
        return this;
    }

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Error}";
}
