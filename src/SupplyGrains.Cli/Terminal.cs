using System.Globalization;
using Spectre.Console;

namespace SupplyGrains.Cli;

/// <summary>Where a command writes: results to <see cref="Out"/>, errors to <see cref="Error"/>, so a script can pipe one and read the other.</summary>
public sealed record Terminal(IAnsiConsole Out, IAnsiConsole Error)
{
    /// <summary>Width of redirected output when <c>COLUMNS</c> does not say: wide enough that the run tables do not wrap in a file or a pager.</summary>
    public const int RedirectedWidth = 200;

    /// <summary>The process's own stdout and stderr.</summary>
    public static Terminal System()
    {
        var output = AnsiConsole.Console;
        var error = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        // Spectre.Console takes 80 columns when output is not a terminal, which breaks every table cell into slivers.
        if (Console.IsOutputRedirected) output.Profile.Width = Width();
        if (Console.IsErrorRedirected) error.Profile.Width = Width();
        return new Terminal(output, error);
    }

    private static int Width() =>
        int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), NumberStyles.None, CultureInfo.InvariantCulture, out var columns) && columns > 0
            ? columns
            : RedirectedWidth;
}
