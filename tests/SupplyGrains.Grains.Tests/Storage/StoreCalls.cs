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
}
