using System.Globalization;

namespace SupplyGrains.HttpBench;

/// <summary>
/// One of the silo's duration histograms over a phase, read at <c>/metrics</c> before and after: its cumulative buckets,
/// summed over the series that carry <see cref="Kind.Label"/>. Two are read around a paced run. The store's writes
/// (<c>supplygrains_storage_write_duration_seconds</c>, from queueing a write to its durable commit: an order waits for
/// two in sequence) tell a slow store from a slow silo; the silo's own timing of the order requests
/// (<c>http_server_request_duration_seconds</c> of <c>POST /api/orders/</c>, from the request parsed to the response
/// written) tells a slow silo from time lost before or after it (the connection, the kernel, the tool).
/// </summary>
/// <remarks>
/// Parsed by hand: the Prometheus text format is one sample per line, and no package served here reads it.
/// </remarks>
internal sealed class SiloHistogram
{
    public sealed record Kind(string Series, string Label, string Noun);

    public static readonly Kind StoreWrites = new("supplygrains_storage_write_duration_seconds_bucket{", "", "store writes");

    public static readonly Kind OrderRequests = new("http_server_request_duration_seconds_bucket{",
        "http_request_method=\"POST\",http_response_status_code=\"201\",http_route=\"/api/orders/\"", "order requests timed by the silo");

    private static readonly double[] Reported = [0.005, 0.01, 0.025, 0.05, 0.1];

    private readonly Kind _kind;
    private readonly Dictionary<double, double> _atMost;

    private SiloHistogram(Kind kind, Dictionary<double, double> atMost) => (_kind, _atMost) = (kind, atMost);

    /// <summary>Each kind's histogram now (null for a kind with no samples yet), or none when the silo does not answer.</summary>
    public static async Task<IReadOnlyList<SiloHistogram?>> ReadAsync(HttpClient http, params Kind[] kinds)
    {
        string text;
        try
        {
            text = await http.GetStringAsync("/metrics");
        }
        catch (HttpRequestException)
        {
            return [];
        }
        var atMost = kinds.Select(_ => new Dictionary<double, double>()).ToArray();
        foreach (var line in text.Split('\n'))
        {
            for (var k = 0; k < kinds.Length; k++)
            {
                if (!line.StartsWith(kinds[k].Series, StringComparison.Ordinal) || !line.Contains(kinds[k].Label, StringComparison.Ordinal)) continue;
                var from = line.IndexOf("le=\"", StringComparison.Ordinal) + 4;
                var bound = line[from..line.IndexOf('"', from)];
                var le = bound == "+Inf" ? double.PositiveInfinity : double.Parse(bound, CultureInfo.InvariantCulture);
                atMost[k][le] = atMost[k].GetValueOrDefault(le) + double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
            }
        }
        return [.. kinds.Select((kind, k) => atMost[k].Count > 0 ? new SiloHistogram(kind, atMost[k]) : null)];
    }

    /// <summary>How many samples since <paramref name="before"/>, and the share within each reported bound.</summary>
    public string Since(SiloHistogram before)
    {
        double Count(double le) => _atMost.GetValueOrDefault(le) - before._atMost.GetValueOrDefault(le);
        var total = Count(double.PositiveInfinity);
        if (total <= 0) return $"no {_kind.Noun}";
        var shares = Reported.Where(_atMost.ContainsKey).Select(le => $"≤ {le * 1000:F0} ms {Count(le) / total:P1}");
        return $"{total:F0} {_kind.Noun}, {string.Join(", ", shares)}";
    }
}
