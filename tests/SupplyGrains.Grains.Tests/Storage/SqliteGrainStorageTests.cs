using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;
using SupplyGrains.Contracts;
using SupplyGrains.Grains.Storage;

using static SupplyGrains.Grains.Tests.Storage.StoreCalls;

namespace SupplyGrains.Grains.Tests.Storage;

public sealed class SqliteGrainStorageTests(SqliteStorageClusterFixture fixture) : IClassFixture<SqliteStorageClusterFixture>
{
    private const string State = StorageProbeGrain.StateName;

    [Fact]
    public async Task WrittenState_IsReadBackByANewActivation()
    {
        await StoreCalls.WrittenStateIsReadBackByANewActivation(fixture.Cluster);
    }

    [Fact]
    public async Task NewGrain_StartsFromADefaultStateWithNoRecord()
    {
        var grain = fixture.Client.GetGrain<IStorageProbeGrain>(SqliteStorageClusterFixture.UniqueKey("fresh"));

        var reading = await grain.Read();

        Assert.Equal(("", 0, false, (string?)null), (reading.Value, reading.Writes, reading.RecordExists, reading.ETag));
    }

    [Fact]
    public async Task ReadOfAMissingRecord_ResetsTheStateToANewInstance()
    {
        var grainState = new ProbeGrainState(new ProbeState { Value = "left over", Writes = 7 }, "123");

        await fixture.SiloStorage.ReadStateAsync(State, SqliteStorageClusterFixture.NewGrainId(), grainState);

        Assert.NotNull(grainState.State);
        Assert.Equal(("", 0), (grainState.State.Value, grainState.State.Writes));
        Assert.Null(grainState.ETag);
        Assert.False(grainState.RecordExists);
    }

    [Fact]
    public async Task ReadMany_ReadsEachStateAsReadingItAloneWould()
    {
        await StoreCalls.ReadMany_ReadsEachStateAsReadingItAloneWould(fixture.SiloStorage);
    }

    [Fact]
    public async Task WriteWithAStaleETag_IsRejected_AndTheStoredStateIsKept()
    {
        var storage = fixture.SiloStorage;
        var id = SqliteStorageClusterFixture.NewGrainId();
        var current = new ProbeGrainState(new ProbeState { Value = "one" });
        await storage.WriteStateAsync(State, id, current);
        var staleETag = current.ETag;
        current.State.Value = "two";
        await storage.WriteStateAsync(State, id, current);

        var stale = new ProbeGrainState(new ProbeState { Value = "lost update" }, staleETag);
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(State, id, stale));

        Assert.NotEqual(staleETag, current.ETag);
        var stored = await Read(storage, id);
        Assert.Equal(("two", current.ETag, true), (stored.State.Value, stored.ETag, stored.RecordExists));
    }

    [Fact]
    public async Task WriteClaimingNoRecord_IsRejected_WhenARecordExists()
    {
        var storage = fixture.SiloStorage;
        var id = SqliteStorageClusterFixture.NewGrainId();
        await storage.WriteStateAsync(State, id, new ProbeGrainState(new ProbeState { Value = "exists" }));

        var blind = new ProbeGrainState(new ProbeState { Value = "blind" });
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(State, id, blind));

        Assert.Equal("exists", (await Read(storage, id)).State.Value);
    }

    [Theory]
    [InlineData("638700000000000000")]
    [InlineData("not-a-number")]
    public async Task WriteWithAnETag_IsRejected_WhenNoRecordExists(string etag)
    {
        var storage = fixture.SiloStorage;
        var id = SqliteStorageClusterFixture.NewGrainId();

        var phantom = new ProbeGrainState(new ProbeState { Value = "phantom" }, etag);
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(State, id, phantom));

        Assert.False((await Read(storage, id)).RecordExists);
    }

    [Fact]
    public async Task SuccessfulWrite_SetsANewETagAndRecordExists()
    {
        var storage = fixture.SiloStorage;
        var first = new ProbeGrainState(new ProbeState { Value = "v1" });
        var second = new ProbeGrainState(new ProbeState { Value = "v1" });

        await storage.WriteStateAsync(State, SqliteStorageClusterFixture.NewGrainId(), first);
        await storage.WriteStateAsync(State, SqliteStorageClusterFixture.NewGrainId(), second);

        Assert.All([first, second], s => Assert.True(s.RecordExists));
        Assert.All([first.ETag, second.ETag], Assert.NotNull);
        Assert.NotEqual(first.ETag, second.ETag); // unique across records, not only within one
    }

    [Fact]
    public async Task Clear_RemovesTheRecord_SoANewActivationStartsFresh()
    {
        var grain = fixture.Client.GetGrain<IStorageProbeGrain>(SqliteStorageClusterFixture.UniqueKey("clear"));
        await grain.Write("doomed");

        await grain.Clear();
        var afterClear = await grain.Read();
        await fixture.Cluster.DeactivateAsync(grain);
        var reactivated = await grain.Read();

        Assert.Equal(("", 0, false, (string?)null), (afterClear.Value, afterClear.Writes, afterClear.RecordExists, afterClear.ETag));
        Assert.NotEqual(afterClear.ActivationId, reactivated.ActivationId);
        Assert.Equal(("", 0, false, (string?)null), (reactivated.Value, reactivated.Writes, reactivated.RecordExists, reactivated.ETag));
    }

    [Fact]
    public async Task ClearWithAStaleETag_IsRejected_AndTheRecordStays()
    {
        var storage = fixture.SiloStorage;
        var id = SqliteStorageClusterFixture.NewGrainId();
        var current = new ProbeGrainState(new ProbeState { Value = "one" });
        await storage.WriteStateAsync(State, id, current);
        var stale = new ProbeGrainState(new ProbeState(), current.ETag);
        current.State.Value = "two";
        await storage.WriteStateAsync(State, id, current);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync(State, id, stale));
        Assert.Equal("two", (await Read(storage, id)).State.Value);

        await storage.ClearStateAsync(State, id, current);
        Assert.Equal((null, false), (current.ETag, current.RecordExists));
        Assert.False((await Read(storage, id)).RecordExists);
    }

    [Fact]
    public async Task ARecordWrittenAgainAfterClear_DoesNotAcceptTheOldETag()
    {
        var storage = fixture.SiloStorage;
        var id = SqliteStorageClusterFixture.NewGrainId();
        var first = new ProbeGrainState(new ProbeState { Value = "first life" });
        await storage.WriteStateAsync(State, id, first);
        var oldETag = first.ETag;
        await storage.ClearStateAsync(State, id, first);
        await storage.WriteStateAsync(State, id, new ProbeGrainState(new ProbeState { Value = "second life" }));

        var holdover = new ProbeGrainState(new ProbeState { Value = "from the first life" }, oldETag);
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(State, id, holdover));
    }

    [Fact]
    public async Task ConcurrentWritesFromManyGrains_AreAllOnFile_AndShareTransactions()
    {
        var storage = fixture.SiloStorage;
        var grains = Enumerable.Range(0, 200)
            .Select(i => (Grain: fixture.Client.GetGrain<IStorageProbeGrain>(SqliteStorageClusterFixture.UniqueKey("crowd")), Value: $"value-{i}"))
            .ToList();
        var (transactionsBefore, writesBefore) = (storage.Transactions, storage.Writes);

        await Task.WhenAll(grains.Select(g => g.Grain.Write(g.Value)));

        var transactions = storage.Transactions - transactionsBefore;
        var writes = storage.Writes - writesBefore;
        Assert.True(writes >= 200, $"{writes} writes counted");
        Assert.True(transactions < writes, $"{writes} writes took {transactions} transactions: nothing was batched");

        // Another store instance, with its own connections, finds every acknowledged write in the file.
        await using var other = await fixture.OpenStoreAsync(fixture.DatabasePath);
        foreach (var (grain, value) in grains)
        {
            var stored = await Read(other.Storage, grain.GetGrainId());
            Assert.True(stored.RecordExists, $"{grain.GetGrainId()} is missing");
            Assert.Equal(value, stored.State.Value);
        }
    }

    [Fact]
    public async Task TwoNewRecordsUnderOneKey_InOneBurst_OnlyOneIsStored_AndTheOtherConflicts()
    {
        await using var store = await fixture.OpenStoreAsync(fixture.NewDatabasePath());
        await StoreCalls.TwoNewRecordsUnderOneKeyInOneBurst_OnlyOneIsStored(store.Storage);
    }

    [Fact]
    public async Task WritesQueuedBehindACommit_GoIntoOneTransaction_AndAConflictFailsOnlyItself()
    {
        await using var store = await fixture.OpenStoreAsync(fixture.NewDatabasePath());
        var storage = store.Storage;
        var contested = SqliteStorageClusterFixture.NewGrainId();
        var holder = new ProbeGrainState(new ProbeState { Value = "holder" });
        await storage.WriteStateAsync(State, contested, holder);
        var ids = Enumerable.Range(0, 50).Select(_ => SqliteStorageClusterFixture.NewGrainId()).ToList();
        var transactionsBefore = storage.Transactions;

        List<Task> writes;
        Task conflicting;
        using (new HeldWriteLock(storage.DatabasePath))
        {
            writes = ids.Take(25).Select(id => Write(storage, id, id.ToString())).ToList();
            conflicting = storage.WriteStateAsync(State, contested, new ProbeGrainState(new ProbeState { Value = "blind" }));
            writes.AddRange(ids.Skip(25).Select(id => Write(storage, id, id.ToString())));
            Assert.All(writes.Append(conflicting), t => Assert.False(t.IsCompleted)); // nothing commits past the held lock
        }

        await Task.WhenAll(writes);
        await Assert.ThrowsAsync<InconsistentStateException>(() => conflicting);
        // The writer may have taken a first slice of the queue before blocking on the lock; the rest follows in one transaction.
        Assert.InRange(storage.Transactions - transactionsBefore, 1, 2);
        foreach (var id in ids)
            Assert.Equal(id.ToString(), (await Read(storage, id)).State.Value);
        Assert.Equal(("holder", holder.ETag), ((await Read(storage, contested)).State.Value, (await Read(storage, contested)).ETag));
    }

    [Fact]
    public Task RecordsStoredTogether_AreAllOrNone() => StoreCalls.RecordsStoredTogether_AreAllOrNone(fixture.SiloStorage);

    [Fact]
    public async Task AFreshStoreOnTheSameFile_ReadsWhatTheSiloWrote_AndSharesItsETags()
    {
        var grain = fixture.Client.GetGrain<IStorageProbeGrain>(SqliteStorageClusterFixture.UniqueKey("handover"));
        var etag = await grain.Write("from the silo");
        var id = grain.GetGrainId();

        await using (var fresh = await fixture.OpenStoreAsync(fixture.DatabasePath))
        {
            var stored = await Read(fresh.Storage, id);
            Assert.Equal(("from the silo", 1, etag), (stored.State.Value, stored.State.Writes, stored.ETag));

            stored.State.Value = "from the fresh store";
            await fresh.Storage.WriteStateAsync(State, id, stored);
        }

        // The silo's activation still holds the ETag it wrote: its next write is a conflict, not a lost update.
        await Assert.ThrowsAsync<InconsistentStateException>(() => grain.Write("stale activation"));
        await fixture.Cluster.DeactivateAsync(grain);
        Assert.Equal("from the fresh store", (await grain.Read()).Value);
    }

    [Fact]
    public async Task StoppingTheStore_CommitsEverythingQueued_ThenRefusesWrites()
    {
        var path = fixture.NewDatabasePath();
        var store = await fixture.OpenStoreAsync(path);
        var ids = Enumerable.Range(0, 20).Select(_ => SqliteStorageClusterFixture.NewGrainId()).ToList();

        List<Task> queued;
        Task stopping;
        using (new HeldWriteLock(path))
        {
            queued = ids.Select(id => Write(store.Storage, id, "queued at shutdown")).ToList();
            stopping = store.StopAsync();
            Assert.False(stopping.IsCompleted);
        }
        await stopping;

        await Task.WhenAll(queued); // each committed: none failed for the stop
        await Assert.ThrowsAsync<ObjectDisposedException>(() => Write(store.Storage, SqliteStorageClusterFixture.NewGrainId(), "too late"));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => Read(store.Storage, ids[0]));

        await using var reopened = await fixture.OpenStoreAsync(path);
        foreach (var id in ids)
            Assert.Equal("queued at shutdown", (await Read(reopened.Storage, id)).State.Value);
    }

    [Fact]
    public async Task SqliteError_FailsItsBatchWithTheError_AndTheStoreCarriesOn()
    {
        var path = fixture.NewDatabasePath();
        await using var store = await fixture.OpenStoreAsync(path);
        Execute(path, "DROP TABLE grain_state;");

        var failure = await Assert.ThrowsAsync<StoreUnavailableException>(() => Write(store.Storage, SqliteStorageClusterFixture.NewGrainId(), "no table"));
        Assert.Equal((nameof(SqliteException), true), (failure.Cause, failure.Message.Contains("grain_state", StringComparison.Ordinal)));

        Execute(path, GrainStateTable.Create);
        var id = SqliteStorageClusterFixture.NewGrainId();
        await Write(store.Storage, id, "table is back");
        Assert.Equal("table is back", (await Read(store.Storage, id)).State.Value);
    }

    [Fact]
    public async Task AFailedWrite_DropsTheActivation_SoNoCallSeesTheChangeTheStoreNeverGot()
    {
        var grain = fixture.Client.GetGrain<IStorageProbeGrain>(SqliteStorageClusterFixture.UniqueKey("store-away"));
        await grain.Write("kept");
        var before = await grain.Read();

        Execute(fixture.DatabasePath, "ALTER TABLE grain_state RENAME TO grain_state_away;");
        try
        {
            // Orleans' state bridge wraps what the store threw.
            var failure = await Assert.ThrowsAsync<OrleansException>(() => grain.Write("never stored"));
            Assert.IsType<StoreUnavailableException>(failure.InnerException);
        }
        finally
        {
            Execute(fixture.DatabasePath, "ALTER TABLE grain_state_away RENAME TO grain_state;");
        }

        var after = await grain.Read();
        Assert.NotEqual(before.ActivationId, after.ActivationId);
        Assert.Equal(("kept", 1, before.ETag), (after.Value, after.Writes, after.ETag));
    }

    [Fact]
    public async Task Payload_IsOrleansBinary_OnFile()
    {
        var storage = fixture.SiloStorage;
        var id = SqliteStorageClusterFixture.NewGrainId();
        await storage.WriteStateAsync(State, id, new ProbeGrainState(new ProbeState { Value = "binary", Writes = 3 }));

        using var connection = new SqliteConnection($"Data Source={fixture.DatabasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT payload FROM grain_state WHERE state_name = $s AND grain_id = $g;";
        command.Parameters.AddWithValue("$s", State);
        command.Parameters.AddWithValue("$g", id.ToString());
        var payload = (byte[])command.ExecuteScalar()!;

        var state = fixture.SiloServices.GetRequiredService<Serializer>().Deserialize<ProbeState>(payload);
        Assert.NotNull(state);
        Assert.Equal(("binary", 3), (state.Value, state.Writes));
    }

    private static void Execute(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
