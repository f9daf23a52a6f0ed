using System.Collections.Concurrent;
using System.Diagnostics;

namespace SupplyGrains.Silo.Tests;

/// <summary>The last 200 lines a test's child process wrote (stdout and stderr), for failure messages.</summary>
public sealed class OutputTail
{
    private readonly ConcurrentQueue<string> _lines = new();

    /// <summary>Starts reading both streams of <paramref name="process"/> (started with them redirected).</summary>
    public void Follow(Process process)
    {
        process.OutputDataReceived += (_, e) => Remember(e.Data);
        process.ErrorDataReceived += (_, e) => Remember(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Last(int lines) => string.Join('\n', _lines.TakeLast(lines));

    private void Remember(string? line)
    {
        if (line is null) return;
        _lines.Enqueue(line);
        while (_lines.Count > 200) _lines.TryDequeue(out _);
    }
}
