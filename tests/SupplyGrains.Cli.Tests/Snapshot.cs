using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace SupplyGrains.Cli.Tests;

/// <summary>
/// Compares output with a file checked in under <c>Snapshots/</c>, exactly, after masking the clock. A missing or
/// different snapshot fails the test and leaves <c>NAME.received.txt</c> beside it to review; set
/// <c>UPDATE_SNAPSHOTS=1</c> to accept the received output.
/// </summary>
public static partial class Snapshot
{
    public static void Match(string name, string actual, [CallerFilePath] string caller = "")
    {
        var directory = Path.Combine(Path.GetDirectoryName(caller)!, "Snapshots");
        var expectedPath = Path.Combine(directory, name + ".txt");
        var receivedPath = Path.Combine(directory, name + ".received.txt");
        var received = Scrub(actual);
        if (Environment.GetEnvironmentVariable("UPDATE_SNAPSHOTS") == "1")
        {
            File.WriteAllText(expectedPath, received);
            return;
        }
        var expected = File.Exists(expectedPath) ? File.ReadAllText(expectedPath).ReplaceLineEndings("\n") : null;
        if (expected == received)
        {
            File.Delete(receivedPath);
            return;
        }
        File.WriteAllText(receivedPath, received);
        Assert.Fail(expected is null
            ? $"No snapshot {expectedPath}; the output is in {receivedPath}."
            : $"Output differs from {expectedPath}; the output is in {receivedPath}.\n--- expected\n{expected}\n--- received\n{received}");
    }

    /// <summary>Times change every run; everything else in a snapshot must not.</summary>
    public static string Scrub(string output) => Timestamp().Replace(output.ReplaceLineEndings("\n"), "<time>");

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}Z")]
    private static partial Regex Timestamp();
}
