using Orleans.Storage;
using Orleans.TestingHost;

namespace SupplyGrains.Grains.Tests.Storage;

/// <summary>What the SQLite and PostgreSQL store tests both do: read and write a probe state, and the check every store must pass.</summary>
public static class StoreCalls
{
    public static Task Write(IGrainStorage storage, GrainId id, string value) =>
        storage.WriteStateAsync(StorageProbeGrain.StateName, id, new ProbeGrainState(new ProbeState { Value = value }));

    public static async Task<ProbeGrainState> Read(IGrainStorage storage, GrainId id)
    {
        var grainState = new ProbeGrainState(new ProbeState());
        await storage.ReadStateAsync(StorageProbeGrain.StateName, id, grainState);
        return grainState;
    }

    /// <summary>A grain writes twice; after it is deactivated, a new activation reads the second write and its ETag from the store.</summary>
    public static async Task WrittenStateIsReadBackByANewActivation(InProcessTestCluster cluster)
    {
        var grain = cluster.Client.GetGrain<IStorageProbeGrain>(SqliteStorageClusterFixture.UniqueKey("reactivate"));
        await grain.Write("first");
        var etag = await grain.Write("second");
        var writer = await grain.Read();

        await cluster.DeactivateAsync(grain);
        var reader = await grain.Read();

        Assert.NotEqual(writer.ActivationId, reader.ActivationId);
        Assert.Equal(new ProbeReading("second", 2, true, etag, reader.ActivationId), reader);
    }

    /// <summary>
    /// Two writes claim that no record exists under each of 40 keys, both queued at once, so most pairs share a
    /// transaction: the second statement on a key must see the first one's record, not the table as the transaction
    /// began. Exactly one claim per key wins, the other conflicts, and the record holds the winner's state.
    /// </summary>
    public static async Task TwoNewRecordsUnderOneKeyInOneBurst_OnlyOneIsStored(IGrainStorage storage)
    {
        var ids = Enumerable.Range(0, 40).Select(_ => SqliteStorageClusterFixture.NewGrainId()).ToList();
        var pairs = ids.Select(id => (Id: id, First: Write(storage, id, $"first {id}"), Second: Write(storage, id, $"second {id}"))).ToList();
        await Task.WhenAll(pairs.SelectMany(p => new[] { p.First, p.Second }).Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));

        foreach (var (id, first, second) in pairs)
        {
            Assert.True(first.IsCompletedSuccessfully ^ second.IsCompletedSuccessfully, $"{id}: {first.Status} and {second.Status}");
            var loser = first.IsCompletedSuccessfully ? second : first;
            Assert.IsType<InconsistentStateException>(loser.Exception!.InnerException);
            Assert.Equal(first.IsCompletedSuccessfully ? $"first {id}" : $"second {id}", (await Read(storage, id)).State.Value);
        }
    }
}
