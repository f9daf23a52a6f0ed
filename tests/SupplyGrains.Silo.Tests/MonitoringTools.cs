using System.Diagnostics;

namespace SupplyGrains.Silo.Tests;

/// <summary>
/// Prometheus' binaries from the machine's packages (Debian's <c>prometheus</c> gives both; <c>.ci/run</c> installs it).
/// Tests that need one skip and say why when it is missing, except in CI, where a missing binary is a failure.
/// </summary>
public static class MonitoringTools
{
    /// <summary>The full path of <paramref name="tool"/> on the PATH; skips (or fails in CI) when it is not installed.</summary>
    public static string Require(string tool)
    {
        if (Find(tool) is { } path) return path;
        if (Environment.GetEnvironmentVariable("CI") is not null)
            throw new InvalidOperationException($"CI must provide {tool}: .ci/run installs Debian's prometheus package when it is missing.");
        Skip.If(true, $"{tool} is not installed: apt-get install prometheus (.ci/run does), or put {tool} on the PATH.");
        return tool;
    }

    public static string? Find(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, tool))
            .FirstOrDefault(File.Exists);

    /// <summary>Runs <paramref name="tool"/> to its end (with a deadline), feeding it <paramref name="input"/> on stdin.</summary>
    public static async Task<ToolRun> Run(string tool, IEnumerable<string> arguments, string? input = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(Require(tool))
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (input is not null) await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{tool} {string.Join(' ', arguments)} did not finish within 120 s");
        }
        return new ToolRun(process.ExitCode, await output, await errors);
    }
}

/// <summary>What a tool run said: its exit code, stdout and stderr.</summary>
public sealed record ToolRun(int ExitCode, string Output, string Errors)
{
    public override string ToString() => $"exit {ExitCode}\n{Output}\n{Errors}";
}
