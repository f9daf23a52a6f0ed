using System.Diagnostics.Metrics;
using SupplyGrains.Silo.Hosting;

namespace SupplyGrains.Silo.Tests;

/// <summary>Orleans' milliseconds and megabytes come out in seconds and bytes, with their tags and a help text.</summary>
public sealed class OrleansInBaseUnitsTests : IDisposable
{
    private readonly Meter _orleans = new(OrleansInBaseUnits.OrleansMeter);
    private readonly MeterListener _listener = new();
    private readonly List<(Instrument Instrument, double Value, string? State)> _seen = [];

    public OrleansInBaseUnitsTests()
    {
        // Listens to the mirrors only: same meter name as Orleans', but not the meter the test records into.
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == OrleansInBaseUnits.OrleansMeter && instrument.Meter != _orleans) listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
        {
            lock (_seen) _seen.Add((instrument, value, tags.ToArray().SingleOrDefault(t => t.Key == "state_name").Value as string));
        });
        _listener.Start();
    }

    [Fact]
    public void AHistogramInMilliseconds_IsRecordedInSeconds_WithItsTags()
    {
        using var bridge = new OrleansInBaseUnits();
        var latency = _orleans.CreateHistogram<double>("orleans-storage-write-latency", "ms");

        latency.Record(250, new KeyValuePair<string, object?>("state_name", "book"));

        var (mirror, value, state) = Assert.Single(Seen(latency.Name));
        Assert.Equal(0.25, value, 12);
        Assert.Equal("book", state);
        Assert.Equal("s", mirror.Unit);
        Assert.Equal("Time to write a grain's state through its storage provider.", mirror.Description);
        Assert.True(OrleansInBaseUnits.IsMirrored(latency));
        Assert.False(OrleansInBaseUnits.IsMirrored(mirror));
    }

    [Fact]
    public void AGaugeInMegabytes_IsObservedInBytes()
    {
        var gauge = _orleans.CreateObservableGauge("orleans-runtime-available-memory", () => 3L, "MB");
        using var bridge = new OrleansInBaseUnits();

        _listener.RecordObservableInstruments();

        var (mirror, value, _) = Assert.Single(Seen(gauge.Name));
        Assert.Equal(3 * 1024 * 1024, value);
        Assert.Equal("By", mirror.Unit);
    }

    private List<(Instrument Instrument, double Value, string? State)> Seen(string name)
    {
        lock (_seen) return _seen.Where(s => s.Instrument.Name == name).ToList();
    }

    public void Dispose()
    {
        _listener.Dispose();
        _orleans.Dispose();
    }
}
