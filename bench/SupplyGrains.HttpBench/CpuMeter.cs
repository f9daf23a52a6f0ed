using System.Diagnostics;
using System.Globalization;

namespace SupplyGrains.HttpBench;

/// <summary>
/// CPU time spent during a phase by the silo (its pid in <c>BENCH_SILO_PID</c>, read from <c>/proc</c>) and by this
/// tool. On a machine shared with other work, rates swing with the neighbours; CPU per request does much less.
/// </summary>
internal sealed class CpuMeter
{
    private static readonly int? SiloPid = int.TryParse(Environment.GetEnvironmentVariable("BENCH_SILO_PID"), out var pid) ? pid : null;
    private readonly TimeSpan? _siloStart = SiloCpuNow();
    private readonly TimeSpan _toolStart = Process.GetCurrentProcess().TotalProcessorTime;
    private readonly ToolCollections _gcStart = ToolCollections.Now();

    public static CpuMeter Start() => new();

    /// <summary>The silo's CPU time since the start (null without its pid), the tool's, and the tool's own collections.</summary>
    public (TimeSpan? Silo, TimeSpan Tool, ToolCollections ToolGc) Stop() =>
        (SiloCpuNow() - _siloStart, Process.GetCurrentProcess().TotalProcessorTime - _toolStart, ToolCollections.Now().Since(_gcStart));

    /// <summary>utime + stime of the silo process (fields 14 and 15 of /proc/pid/stat, in clock ticks of 1/100 s).</summary>
    private static TimeSpan? SiloCpuNow()
    {
        if (SiloPid is not { } pid) return null;
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromMilliseconds(ticks * 10);
    }
}

/// <summary>
/// The tool's own garbage collections over a phase and the time they paused it: a pause of the tool delays its reading
/// of every answer in flight, which it would otherwise time as the silo's.
/// </summary>
internal sealed record ToolCollections(int Gen0, int Gen1, int Gen2, TimeSpan Paused)
{
    public static ToolCollections Now() => new(GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration());

    public ToolCollections Since(ToolCollections start) => new(Gen0 - start.Gen0, Gen1 - start.Gen1, Gen2 - start.Gen2, Paused - start.Paused);

    public override string ToString() => $"{Gen0}/{Gen1}/{Gen2} collections (gen0/1/2), paused {Paused.TotalMilliseconds:F0} ms";
}
