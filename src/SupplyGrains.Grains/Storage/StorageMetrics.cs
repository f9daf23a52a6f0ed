using System.Diagnostics.Metrics;
using SupplyGrains.Grains.Telemetry;

namespace SupplyGrains.Grains.Storage;

/// <summary>
/// How this silo's grain store performs: every write's wait from queueing to its durable commit (what a caller
/// feels, group commit included), and the operations that failed because the store could not be reached.
/// Per silo by nature (each silo has its own writer), labelled by the kind of store.
/// </summary>
public sealed class StorageMetrics
{
    /// <summary>0.5 ms to 5 s: an fsync on a quiet disk to a database that is struggling.</summary>
    public static readonly double[] WriteDurationBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

    private readonly Histogram<double> _writeDuration;
    private readonly Counter<long> _failures;
    private readonly KeyValuePair<string, object?> _store;

    public StorageMetrics(IMeterFactory? meterFactory, string store)
    {
        var meter = meterFactory?.Create(SupplyGrainsMetrics.MeterName) ?? new Meter(SupplyGrainsMetrics.MeterName);
        _store = new("store", store);
        _writeDuration = meter.CreateHistogram("supplygrains.storage_write_duration", unit: "s",
            description: "Time from queueing a grain state write to its durable commit.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = WriteDurationBuckets });
        _failures = meter.CreateCounter<long>("supplygrains.storage_failures",
            description: "Grain store operations that failed because the store could not complete them (reads, and writes by batch).");
        // At zero from the start: a series that first appears at 1 is invisible to increase(), so the alert on store
        // errors would miss the first failure.
        Failed("read", 0);
        Failed("write", 0);
    }

    public void Written(TimeSpan waited) => _writeDuration.Record(waited.TotalSeconds, _store);

    public void Failed(string operation, long count = 1) => _failures.Add(count, _store, new("operation", operation));
}
