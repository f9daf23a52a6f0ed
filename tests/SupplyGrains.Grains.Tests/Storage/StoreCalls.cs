using Orleans.Storage;
using Orleans.TestingHost;
using SupplyGrains.Grains.Storage;

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

    /// <summary>
    /// Records stored together go in whole or not at all. A group whose last record claims to be new though one is on
    /// file stores none of its records and marks only that one as conflicted, while the writes queued beside it commit;
    /// a record whose ETag is not one of the store's stops its group the same way; and the group without either is
    /// stored whole, each record's state learning its new ETag.
    /// </summary>
    internal static async Task RecordsStoredTogether_AreAllOrNone(GroupCommitGrainStorage storage)
    {
        var onFile = SqliteStorageClusterFixture.NewGrainId();
        await Write(storage, onFile, "on file");
        var (a, b) = (SqliteStorageClusterFixture.NewGrainId(), SqliteStorageClusterFixture.NewGrainId());
        var beside = Enumerable.Range(0, 20).Select(_ => SqliteStorageClusterFixture.NewGrainId()).ToList();

        var claimsNew = new[] { Record(a, "a"), Record(b, "b"), Record(onFile, "claims new") };
        var besideWrites = beside.Take(10).Select(id => Write(storage, id, id.ToString())).ToList();
        var stopped = storage.WriteTogetherAsync(claimsNew);
        besideWrites.AddRange(beside.Skip(10).Select(id => Write(storage, id, id.ToString())));
        await Assert.ThrowsAsync<InconsistentStateException>(() => stopped);
        await Task.WhenAll(besideWrites);

        Assert.Equal([false, false, true], claimsNew.Select(r => r.Conflicted));
        Assert.False((await Read(storage, a)).RecordExists);
        Assert.False((await Read(storage, b)).RecordExists);
        Assert.Equal("on file", (await Read(storage, onFile)).State.Value);
        foreach (var id in beside) Assert.Equal(id.ToString(), (await Read(storage, id)).State.Value);

        var notOurs = new[] { Record(a, "a"), Record(onFile, "foreign ETag", etag: "not-an-etag") };
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteTogetherAsync(notOurs));
        Assert.Equal([false, true], notOurs.Select(r => r.Conflicted));
        Assert.False((await Read(storage, a)).RecordExists);

        var states = new[] { new ProbeGrainState(new ProbeState { Value = "a" }), new ProbeGrainState(new ProbeState { Value = "b" }) };
        var stored = (await Read(storage, onFile)).ETag;
        var whole = new[] { RecordWrite.Of(StorageProbeGrain.StateName, a, states[0]), RecordWrite.Of(StorageProbeGrain.StateName, b, states[1]),
            Record(onFile, "updated", etag: stored) };
        await storage.WriteTogetherAsync(whole);
        Assert.Equal([false, false, false], whole.Select(r => r.Conflicted));
        Assert.Equal(("a", states[0].ETag), ((await Read(storage, a)).State.Value, (await Read(storage, a)).ETag));
        Assert.Equal(("b", states[1].ETag), ((await Read(storage, b)).State.Value, (await Read(storage, b)).ETag));
        Assert.Equal("updated", (await Read(storage, onFile)).State.Value);
        Assert.NotEqual(stored, (await Read(storage, onFile)).ETag);
    }

    /// <summary>
    /// Several states of one grain read at once come back as each read on its own would: the stored ones with their
    /// values and ETags, a missing one (though another grain has a record of that name) as a fresh instance with no
    /// record, in the order asked.
    /// </summary>
    internal static async Task ReadMany_ReadsEachStateAsReadingItAloneWould(GroupCommitGrainStorage storage)
    {
        var (id, other) = (SqliteStorageClusterFixture.NewGrainId(), SqliteStorageClusterFixture.NewGrainId());
        string[] names = ["probe-c", "probe-a", "probe-b", "probe-d"];
        await storage.WriteStateAsync("probe-a", id, new ProbeGrainState(new ProbeState { Value = "a" }));
        await storage.WriteStateAsync("probe-c", id, new ProbeGrainState(new ProbeState { Value = "c" }));
        await storage.WriteStateAsync("probe-b", other, new ProbeGrainState(new ProbeState { Value = "another grain's" }));

        var together = names.Select(_ => new ProbeGrainState(new ProbeState { Value = "left over" }, "123")).ToList();
        await storage.ReadManyAsync(names, id, together);

        Assert.Equal(["c", "a", "", ""], together.Select(s => s.State.Value));
        Assert.Equal([true, true, false, false], together.Select(s => s.RecordExists));
        for (var i = 0; i < names.Length; i++)
        {
            var alone = new ProbeGrainState(new ProbeState());
            await storage.ReadStateAsync(names[i], id, alone);
            Assert.Equal((alone.State.Value, alone.ETag, alone.RecordExists), (together[i].State.Value, together[i].ETag, together[i].RecordExists));
        }
    }

    internal static RecordWrite Record(GrainId id, string value, string? etag = null) =>
        RecordWrite.Of(StorageProbeGrain.StateName, id, new ProbeGrainState(new ProbeState { Value = value }, etag));
}
