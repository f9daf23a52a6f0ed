using System.Diagnostics.Metrics;

namespace SupplyGrains.Silo.Hosting;

/// <summary>
/// Orleans' meter reports latencies in milliseconds and memory in megabytes, which Prometheus' conventions (and
/// <c>promtool check metrics</c>) reject in favour of seconds and bytes. No OpenTelemetry view can change an
/// instrument's unit, so this listener records those instruments again, in base units, under their own names and
/// Orleans' meter name; <see cref="MetricConventions"/> drops the originals from the export.
/// </summary>
internal sealed class OrleansInBaseUnits : IDisposable
{
    public const string OrleansMeter = "Microsoft.Orleans";

    private static readonly Dictionary<string, (string Unit, double Factor)> Conversions = new(StringComparer.Ordinal)
    {
        ["ms"] = ("s", 1e-3),
        // Orleans divides bytes by 1024² (EnvironmentStatistics).
        ["MB"] = ("By", 1024d * 1024d),
    };

    /// <summary>Orleans' default buckets are milliseconds-shaped; these span a sub-millisecond grain call to a 30 s timeout.</summary>
    private static readonly double[] SecondsBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    private readonly Meter _meter = new(OrleansMeter);
    private readonly MeterListener _listener = new();
    private readonly Lock _observing = new();
    private readonly List<Mirror> _mirrors = [];

    public OrleansInBaseUnits()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (!IsMirrored(instrument)) return;
            var mirror = CreateMirror(instrument);
            lock (_mirrors) _mirrors.Add(mirror);
            // The mirror rides along as the measurement's state: no lookup on Orleans' hot path (every grain call).
            listener.EnableMeasurementEvents(instrument, mirror);
        };
        _listener.SetMeasurementEventCallback<double>((_, value, tags, mirror) => Record((Mirror)mirror!, value, tags));
        _listener.SetMeasurementEventCallback<float>((_, value, tags, mirror) => Record((Mirror)mirror!, value, tags));
        _listener.SetMeasurementEventCallback<long>((_, value, tags, mirror) => Record((Mirror)mirror!, value, tags));
        _listener.SetMeasurementEventCallback<int>((_, value, tags, mirror) => Record((Mirror)mirror!, value, tags));
        _listener.Start();
    }

    /// <summary>Whether <paramref name="instrument"/> is one of Orleans' that this class reports in base units instead.</summary>
    public static bool IsMirrored(Instrument instrument) =>
        instrument.Meter.Name == OrleansMeter && instrument.Unit is { } unit && Conversions.ContainsKey(unit) &&
        instrument.GetType() is { IsGenericType: true } type &&
        (type.GetGenericTypeDefinition() == typeof(Histogram<>) || type.GetGenericTypeDefinition() == typeof(ObservableGauge<>));

    private Mirror CreateMirror(Instrument source)
    {
        var (unit, factor) = Conversions[source.Unit!];
        var description = OrleansInstrumentDescriptions.For(source);
        if (source.GetType().GetGenericTypeDefinition() == typeof(Histogram<>))
        {
            var advice = unit == "s" ? new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets } : null;
            return new Mirror(factor, _meter.CreateHistogram(source.Name, unit, description, tags: null, advice), []);
        }
        var latest = new List<Measurement<double>>();
        _meter.CreateObservableGauge(source.Name, () => Observe(latest), unit, description);
        return new Mirror(factor, null, latest);
    }

    private static void Record(Mirror mirror, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (mirror.Histogram is { } histogram) histogram.Record(value * mirror.Factor, tags);
        else mirror.Latest.Add(new Measurement<double>(value * mirror.Factor, tags));
    }

    /// <summary>An export collects one gauge: ask Orleans' observable gauges for their values now, in base units.</summary>
    private IEnumerable<Measurement<double>> Observe(List<Measurement<double>> latest)
    {
        lock (_observing)
        {
            lock (_mirrors) foreach (var mirror in _mirrors) mirror.Latest.Clear();
            _listener.RecordObservableInstruments();
            return [.. latest];
        }
    }

    public void Dispose()
    {
        _listener.Dispose();
        _meter.Dispose();
    }

    private sealed record Mirror(double Factor, Histogram<double>? Histogram, List<Measurement<double>> Latest);
}
