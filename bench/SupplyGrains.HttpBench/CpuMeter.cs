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

    public static CpuMeter Start() => new();

    /// <summary>The silo's CPU time since the start (null without its pid) and the tool's.</summary>
    public (TimeSpan? Silo, TimeSpan Tool) Stop() => (SiloCpuNow() - _siloStart, Process.GetCurrentProcess().TotalProcessorTime - _toolStart);

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
