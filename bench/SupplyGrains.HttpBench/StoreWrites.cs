using System.Globalization;

namespace SupplyGrains.HttpBench;

/// <summary>
/// How long the silo's store writes took over a phase: the cumulative buckets of its
/// <c>supplygrains_storage_write_duration_seconds</c> histogram (from queueing a write to its durable commit), read at
/// <c>/metrics</c> before and after. An order waits for two such writes in sequence, so this tells a slow store from a
/// slow silo when a paced p99 is missed.
/// </summary>
/// <remarks>
/// Parsed by hand: the Prometheus text format is one sample per line, and no package served here reads it. Buckets of
/// every store label are summed (a silo has one store).
/// </remarks>
internal sealed class StoreWrites
{
    private const string Series = "supplygrains_storage_write_duration_seconds_bucket{";
    private static readonly double[] Reported = [0.005, 0.01, 0.025, 0.05];

    private readonly Dictionary<double, double> _atMost;

    private StoreWrites(Dictionary<double, double> atMost) => _atMost = atMost;

    /// <summary>The histogram now, or null when the silo does not answer or has no store writes yet.</summary>
    public static async Task<StoreWrites?> ReadAsync(HttpClient http)
    {
        try
        {
            var atMost = new Dictionary<double, double>();
            foreach (var line in (await http.GetStringAsync("/metrics")).Split('\n'))
            {
                if (!line.StartsWith(Series, StringComparison.Ordinal)) continue;
                var from = line.IndexOf("le=\"", StringComparison.Ordinal) + 4;
                var bound = line[from..line.IndexOf('"', from)];
                var le = bound == "+Inf" ? double.PositiveInfinity : double.Parse(bound, CultureInfo.InvariantCulture);
                atMost[le] = atMost.GetValueOrDefault(le) + double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
            }
            return atMost.Count > 0 ? new StoreWrites(atMost) : null;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    /// <summary>How many writes committed since <paramref name="before"/>, and the share done within each reported bound.</summary>
    public string Since(StoreWrites before)
    {
        double Count(double le) => _atMost.GetValueOrDefault(le) - before._atMost.GetValueOrDefault(le);
        var total = Count(double.PositiveInfinity);
        if (total <= 0) return "no store writes";
        var shares = Reported.Where(_atMost.ContainsKey).Select(le => $"≤ {le * 1000:F0} ms {Count(le) / total:P1}");
        return $"{total:F0} store writes, {string.Join(", ", shares)}";
    }
}
