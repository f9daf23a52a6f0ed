using System.Diagnostics;
using Xunit.Abstractions;

namespace SupplyGrains.Grains.Tests.Storage;

/// <summary>
/// Prints durable write rates (no speed is asserted: machines differ). Each run still checks that every write it
/// timed is on file. Leave it out with <c>--filter Category!=Measure</c>.
/// </summary>
[Trait("Category", "Measure")]
public sealed class SqliteGrainStorageThroughput(SqliteStorageClusterFixture fixture, ITestOutputHelper output) : IClassFixture<SqliteStorageClusterFixture>
{
    private const string State = StorageProbeGrain.StateName;

    [Theory]
    [InlineData(1, 2000)]
    [InlineData(100, 4000)]
    public async Task StoreWrites_PerSecond(int writers, int total)
    {
        await using var store = await fixture.OpenStoreAsync(fixture.NewDatabasePath());
        var storage = store.Storage;
        var ids = Enumerable.Range(0, writers).Select(_ => SqliteStorageClusterFixture.NewGrainId()).ToArray();
        var states = ids.Select(_ => new ProbeGrainState(new ProbeState())).ToArray();
        await Task.WhenAll(ids.Select((id, i) => storage.WriteStateAsync(State, id, states[i]))); // warm up: records exist

        var (transactions, started) = (storage.Transactions, Stopwatch.StartNew());
        await Task.WhenAll(ids.Select(async (id, i) =>
        {
            for (var n = 0; n < total / writers; n++)
            {
                states[i].State.Writes++;
                await storage.WriteStateAsync(State, id, states[i]);
            }
        }));
        started.Stop();

        Report($"store, {writers} writer(s)", total, started.Elapsed, storage.Transactions - transactions);
        for (var i = 0; i < ids.Length; i++)
        {
            var stored = new ProbeGrainState(new ProbeState());
            await storage.ReadStateAsync(State, ids[i], stored);
            Assert.Equal(states[i].State.Writes, stored.State.Writes);
        }
    }

    [Theory]
    [InlineData(1, 1000)]
    [InlineData(100, 4000)]
    public async Task GrainCallsWithADurableWrite_PerSecond(int inFlight, int total)
    {
        var storage = fixture.SiloStorage;
        var grains = Enumerable.Range(0, inFlight)
            .Select(_ => fixture.Client.GetGrain<IStorageProbeGrain>(SqliteStorageClusterFixture.UniqueKey("measure")))
            .ToArray();
        await Task.WhenAll(grains.Select(g => g.Write("warm"))); // activate and create the records first

        var (transactions, started) = (storage.Transactions, Stopwatch.StartNew());
        await Task.WhenAll(grains.Select(async g =>
        {
            for (var n = 0; n < total / inFlight; n++)
                await g.Write($"w{n}");
        }));
        started.Stop();

        Report($"grain calls, {inFlight} in flight", total, started.Elapsed, storage.Transactions - transactions);
        await using var other = await fixture.OpenStoreAsync(fixture.DatabasePath);
        foreach (var g in grains)
        {
            var stored = new ProbeGrainState(new ProbeState());
            await other.Storage.ReadStateAsync(State, g.GetGrainId(), stored);
            Assert.Equal(1 + total / inFlight, stored.State.Writes);
        }
    }

    private void Report(string what, int writes, TimeSpan elapsed, long transactions) =>
        output.WriteLine($"{what}: {writes} durable writes in {elapsed.TotalMilliseconds:F0} ms = {writes / elapsed.TotalSeconds:F0}/s, " +
                         $"{transactions} transactions ({(double)writes / transactions:F1} writes per commit)");
}
