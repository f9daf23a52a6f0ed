namespace SupplyGrains.HttpBench;

/// <summary>What one timed phase saw: requests answered as expected, the others, and every latency in milliseconds.</summary>
internal sealed record PhaseResult(string Name, int Ok, int Failed, TimeSpan Elapsed, double[] LatenciesMs, string? FirstFailure)
{
    /// <summary>CPU time the silo process spent during the phase (when its pid is known), and the load tool's own.</summary>
    public TimeSpan? SiloCpu { get; init; }

    public TimeSpan ToolCpu { get; init; }

    public ToolCollections? ToolGc { get; init; }

    /// <summary>Silo CPU per answered request in microseconds: what a request costs, whatever else runs on the machine.</summary>
    public double? SiloCpuPerRequestUs => SiloCpu is { } cpu && Ok > 0 ? cpu.TotalMicroseconds / Ok : null;

    public double Rate => Ok / Elapsed.TotalSeconds;

    public double P50 => Percentile(0.50);

    public double P99 => Percentile(0.99);

    /// <summary>Nearest-rank percentile of the sorted latencies (they are sorted when the phase ends).</summary>
    public double Percentile(double p) => NearestRank(LatenciesMs, p);

    /// <summary>Nearest-rank percentile <paramref name="p"/> of <paramref name="sorted"/>; NaN when it is empty.</summary>
    public static double NearestRank(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    public override string ToString() =>
        $"{Name}: {Ok} ok{(Failed > 0 ? $", {Failed} failed (first: {FirstFailure})" : "")} in {Elapsed.TotalSeconds:F1} s = {Rate:F0}/s, " +
        $"p50 {P50:F1} ms, p99 {P99:F1} ms" +
        (SiloCpuPerRequestUs is { } us ? $"; silo CPU {us:F0} µs/request ({SiloCpu!.Value.TotalSeconds / Elapsed.TotalSeconds:F2} cores)" : "") +
        $"; tool CPU {ToolCpu.TotalSeconds / Elapsed.TotalSeconds:F2} cores" + (ToolGc is { } gc ? $", {gc}" : "");
}
