using System.Diagnostics.Metrics;
using Microsoft.Data.Sqlite;
using SupplyGrains.Contracts.Allocation;
using SupplyGrains.Domain.Allocation;
using SupplyGrains.Grains.Telemetry;

namespace SupplyGrains.Grains.Tests;

/// <summary>A run that fails for the store's sake is counted as failed, so the runs-failing alert can see it.</summary>
[Collection(ClusterCollection.Name)]
public sealed class RunFailureMetricsTests(ClusterFixture fixture)
{
    [Fact]
    public async Task ARunWhoseRecordTheStoreRefuses_IsCountedAsFailed()
    {
        var given = new Given(fixture.Client);
        var pl = await given.ProductLine();
        await given.Supply(pl, 80);
        await given.Order(await given.Customer(), pl, 40);
        var runId = ClusterFixture.Unique("run");
        using var results = new RunResults(pl);

        // The store refuses exactly this run's record: a trigger in the silo's own database file.
        Execute($"""
            CREATE TRIGGER refuse_run BEFORE INSERT ON grain_state WHEN NEW.grain_id LIKE '%{runId}%'
            BEGIN SELECT RAISE(ABORT, 'test: the store refuses this run record'); END;
            """);
        try
        {
            await Assert.ThrowsAnyAsync<Exception>(() => fixture.Client.GetGrain<IAllocationGrain>(pl).Run(
                runId, new AllocationRunRequest(pl, Given.Week, Given.Week, AllocationStrategy.ProRata, RunMode.Preview), "planner"));
        }
        finally
        {
            Execute("DROP TRIGGER refuse_run;");
        }

        Assert.Equal(["ProRata/Preview/failed"], results.Seen);
    }

    private void Execute(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={fixture.DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>The strategy/mode/result of every run counted for one product line while it listens.</summary>
    private sealed class RunResults : IDisposable
    {
        private readonly MeterListener _listener = new();

        public RunResults(string productLine)
        {
            _listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == SupplyGrainsMetrics.MeterName && instrument.Name == "supplygrains.allocation_runs")
                    l.EnableMeasurementEvents(instrument);
            };
            _listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
            {
                var labels = new Dictionary<string, object?>();
                foreach (var tag in tags) labels[tag.Key] = tag.Value;
                if (Equals(labels["product_line"], productLine))
                    lock (Seen) Seen.Add($"{labels["strategy"]}/{labels["mode"]}/{labels["result"]}");
            });
            _listener.Start();
        }

        public List<string> Seen { get; } = [];

        public void Dispose() => _listener.Dispose();
    }
}
