using Npgsql;
using Orleans.Storage;
using SupplyGrains.Contracts;
using SupplyGrains.Grains.Storage;
using SupplyGrains.Testing;

using static SupplyGrains.Grains.Tests.Storage.StoreCalls;

namespace SupplyGrains.Grains.Tests.Storage;

/// <summary>The PostgreSQL grain store against a real server: Orleans' storage contract, group commit, and what a cluster needs (several silos on one table, the database going away).</summary>
public sealed class PostgresGrainStorageTests(PostgresStorageClusterFixture fixture) : IClassFixture<PostgresStorageClusterFixture>
{
    private const string State = StorageProbeGrain.StateName;

    [SkippableFact]
    public async Task WrittenState_IsReadBackByANewActivation()
    {
        PostgresDatabase.SkipUnlessConfigured();
        await StoreCalls.WrittenStateIsReadBackByANewActivation(fixture.Cluster);
    }

    [SkippableFact]
    public async Task ReadMany_ReadsEachStateAsReadingItAloneWould()
    {
        PostgresDatabase.SkipUnlessConfigured();
        await StoreCalls.ReadMany_ReadsEachStateAsReadingItAloneWould(fixture.SiloStorage);
    }

    [SkippableFact]
    public async Task StaleETags_AreRejected_AndTheStoredStateIsKept()
    {
        PostgresDatabase.SkipUnlessConfigured();
        var storage = fixture.SiloStorage;
        var id = SqliteStorageClusterFixture.NewGrainId();
        var current = new ProbeGrainState(new ProbeState { Value = "one" });
        await storage.WriteStateAsync(State, id, current);
        var stale = current.ETag;
        current.State.Value = "two";
        await storage.WriteStateAsync(State, id, current);

        // Each conflict names the ETag the record holds, so an operator can tell a lost update from a missing record.
        var lost = await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(State, id, new ProbeGrainState(new ProbeState { Value = "lost update" }, stale)));
        var blind = await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(State, id, new ProbeGrainState(new ProbeState { Value = "blind" })));
        var foreign = await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(State, id, new ProbeGrainState(new ProbeState { Value = "not ours" }, "W/\"abc\"")));
        var missing = await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(State, SqliteStorageClusterFixture.NewGrainId(), new ProbeGrainState(new ProbeState(), "42")));
        var clear = await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync(State, id, new ProbeGrainState(new ProbeState(), stale)));
        Assert.Equal([current.ETag, current.ETag, "(no record)", current.ETag], new[] { lost, blind, missing, clear }.Select(e => e.StoredEtag));
        Assert.StartsWith("(not compared", foreign.StoredEtag);

        var stored = await Read(storage, id);
        Assert.Equal(("two", current.ETag, true), (stored.State.Value, stored.ETag, stored.RecordExists));
    }

    [SkippableFact]
    public async Task Clear_RemovesTheRecord_AndARecordWrittenAgainDoesNotAcceptTheOldETag()
    {
        PostgresDatabase.SkipUnlessConfigured();
        var storage = fixture.SiloStorage;
        var id = SqliteStorageClusterFixture.NewGrainId();
        var first = new ProbeGrainState(new ProbeState { Value = "first life" });
        await storage.WriteStateAsync(State, id, first);
        var oldETag = first.ETag;

        await storage.ClearStateAsync(State, id, first);
        Assert.False((await Read(storage, id)).RecordExists);
        await storage.WriteStateAsync(State, id, new ProbeGrainState(new ProbeState { Value = "second life" }));

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(State, id, new ProbeGrainState(new ProbeState { Value = "holdover" }, oldETag)));
        Assert.Equal("second life", (await Read(storage, id)).State.Value);
    }

    [SkippableFact]
    public async Task ConcurrentWrites_ShareTransactions_AndAConflictFailsOnlyItself()
    {
        PostgresDatabase.SkipUnlessConfigured();
        var storage = fixture.SiloStorage;
        var contested = SqliteStorageClusterFixture.NewGrainId();
        var holder = new ProbeGrainState(new ProbeState { Value = "holder" });
        await storage.WriteStateAsync(State, contested, holder);
        var ids = Enumerable.Range(0, 300).Select(_ => SqliteStorageClusterFixture.NewGrainId()).ToList();
        var (transactionsBefore, writesBefore) = (storage.Transactions, storage.Writes);

        var writes = ids.Select(id => Write(storage, id, id.ToString())).ToList();
        var conflicting = storage.WriteStateAsync(State, contested, new ProbeGrainState(new ProbeState { Value = "blind" }));
        await Task.WhenAll(writes);
        await Assert.ThrowsAsync<InconsistentStateException>(() => conflicting);

        var (transactions, written) = (storage.Transactions - transactionsBefore, storage.Writes - writesBefore);
        Assert.True(written >= 301, $"{written} writes counted");
        Assert.True(transactions < written / 2, $"{written} writes took {transactions} transactions: little was batched");
        // Another store (another silo's view) finds every acknowledged write.
        var other = await fixture.OpenStoreAsync();
        try
        {
            foreach (var id in ids) Assert.Equal(id.ToString(), (await Read(other, id)).State.Value);
            Assert.Equal(("holder", holder.ETag), ((await Read(other, contested)).State.Value, (await Read(other, contested)).ETag));
        }
        finally
        {
            await other.StopAsync(CancellationToken.None);
        }
    }

    [SkippableFact]
    public async Task TwoNewRecordsUnderOneKey_InOneBurst_OnlyOneIsStored_AndTheOtherConflicts()
    {
        PostgresDatabase.SkipUnlessConfigured();
        await StoreCalls.TwoNewRecordsUnderOneKeyInOneBurst_OnlyOneIsStored(fixture.SiloStorage);
    }

    [SkippableFact]
    public async Task RecordsStoredTogether_AreAllOrNone()
    {
        PostgresDatabase.SkipUnlessConfigured();
        await StoreCalls.RecordsStoredTogether_AreAllOrNone(fixture.SiloStorage);
    }

    [SkippableFact]
    public async Task TwoSilosOnOneTable_SeeEachOthersWrites_AndCannotOverwriteBlind()
    {
        PostgresDatabase.SkipUnlessConfigured();
        var grain = fixture.Client.GetGrain<IStorageProbeGrain>(SqliteStorageClusterFixture.UniqueKey("two-silos"));
        var etag = await grain.Write("from silo one");
        var id = grain.GetGrainId();

        var other = await fixture.OpenStoreAsync();
        try
        {
            var stored = await Read(other, id);
            Assert.Equal(("from silo one", etag), (stored.State.Value, stored.ETag));
            stored.State.Value = "from silo two";
            await other.WriteStateAsync(State, id, stored);
        }
        finally
        {
            await other.StopAsync(CancellationToken.None);
        }

        // The first silo's activation still holds the old ETag: its next write is a conflict, not a lost update,
        // and Orleans deactivates it, so the next call reads what the other silo wrote.
        await Assert.ThrowsAsync<InconsistentStateException>(() => grain.Write("stale"));
        Assert.Equal("from silo two", (await grain.Read()).Value);
    }

    [SkippableFact]
    public async Task DatabaseAway_FailsReadsAndWritesAsStoreUnavailable_AndTheProbeSaysSo()
    {
        PostgresDatabase.SkipUnlessConfigured();
        // A server that is not there: a closed port on this machine.
        var away = new NpgsqlConnectionStringBuilder(fixture.Database.ConnectionString) { Port = 1, Timeout = 2 }.ConnectionString;
        var store = await fixture.OpenStoreAsync(away, start: false);

        await Assert.ThrowsAnyAsync<Exception>(() => store.ProbeAsync(CancellationToken.None));
        await Assert.ThrowsAsync<StoreUnavailableException>(() => Read(store, SqliteStorageClusterFixture.NewGrainId()));
        await store.StopAsync(CancellationToken.None);
    }

    [SkippableTheory]
    [InlineData("Database")]
    [InlineData("Password")]
    public async Task ADatabaseThatRefusesTheSilo_FailsReadsAsStoreUnavailable(string wrongSetting)
    {
        PostgresDatabase.SkipUnlessConfigured();
        // A database dropped or renamed under the silo, or a password rotated without it: 503 and retry, not a 500.
        var refused = new NpgsqlConnectionStringBuilder(fixture.Database.ConnectionString) { [wrongSetting] = "not-" + Guid.NewGuid().ToString("N") }.ConnectionString;
        var store = await fixture.OpenStoreAsync(refused, start: false);

        await Assert.ThrowsAsync<StoreUnavailableException>(() => Read(store, SqliteStorageClusterFixture.NewGrainId()));
        await store.StopAsync(CancellationToken.None);
    }

    [SkippableFact]
    public async Task AFailedWrite_DropsTheActivation_AndTheStoreCarriesOnWhenTheTableIsBack()
    {
        PostgresDatabase.SkipUnlessConfigured();
        var grain = fixture.Client.GetGrain<IStorageProbeGrain>(SqliteStorageClusterFixture.UniqueKey("table-away"));
        await grain.Write("kept");
        var before = await grain.Read();

        await fixture.Database.ExecuteAsync("ALTER TABLE supplygrains_grain_state RENAME TO grain_state_away;");
        try
        {
            var failure = await Assert.ThrowsAsync<OrleansException>(() => grain.Write("never stored"));
            Assert.IsType<StoreUnavailableException>(failure.InnerException);
        }
        finally
        {
            await fixture.Database.ExecuteAsync("ALTER TABLE grain_state_away RENAME TO supplygrains_grain_state;");
        }

        var after = await grain.Read();
        Assert.NotEqual(before.ActivationId, after.ActivationId);
        Assert.Equal(("kept", before.ETag), (after.Value, after.ETag));
        await grain.Write("written again");
        Assert.Equal("written again", (await grain.Read()).Value);
    }

    [SkippableFact]
    public async Task ADatabaseWithoutTheSchema_StopsTheStart_WithTheCommandToRun()
    {
        PostgresDatabase.SkipUnlessConfigured();
        await using var empty = await PostgresDatabase.CreateAsync("noschema", applySchema: false);

        var failure = await Assert.ThrowsAsync<OrleansConfigurationException>(() => fixture.OpenStoreAsync(empty.ConnectionString));

        Assert.Contains("ops/sql/postgresql/apply.sh", failure.Message);
    }

    [SkippableFact]
    public async Task LargePayloads_AreCompressedWithLz4()
    {
        PostgresDatabase.SkipUnlessConfigured();
        var id = SqliteStorageClusterFixture.NewGrainId();
        await fixture.SiloStorage.WriteStateAsync(State, id, new ProbeGrainState(new ProbeState { Value = string.Concat(Enumerable.Repeat("a book page ", 2_000)) }));

        Assert.Equal("lz4", await fixture.Database.ScalarAsync<string>(
            $"SELECT pg_column_compression(payload) FROM supplygrains_grain_state WHERE state_name = '{State}' AND grain_id = '{id}';"));
    }

    [SkippableTheory]
    [InlineData("", "256kB")]
    [InlineData("-c backend_flush_after=64kB -c synchronous_commit=off", "64kB")]
    public async Task TheStoresSessions_FlushEarly_AndCommitSynchronously_WhateverTheOperatorsOptions(string operatorOptions, string flushAfter)
    {
        PostgresDatabase.SkipUnlessConfigured();
        var connection = new NpgsqlConnectionStringBuilder(fixture.Database.ConnectionString) { Options = operatorOptions };
        await using var dataSource = NpgsqlDataSource.Create(PostgresGrainStorage.SessionConnection(connection.ConnectionString));

        await using var show = dataSource.CreateCommand("SELECT current_setting('backend_flush_after'), current_setting('synchronous_commit');");
        await using var reader = await show.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal((flushAfter, "on"), (reader.GetString(0), reader.GetString(1)));
    }

    [SkippableFact]
    public async Task TheSchemaScripts_AreIdempotent()
    {
        PostgresDatabase.SkipUnlessConfigured();
        var grain = fixture.Client.GetGrain<IStorageProbeGrain>(SqliteStorageClusterFixture.UniqueKey("rerun"));
        await grain.Write("before the re-run");

        await fixture.Database.ApplySchemaAsync();
        await fixture.Database.ApplySchemaAsync();

        Assert.Equal(10L, await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM orleansquery;"));
        await fixture.Cluster.DeactivateAsync(grain);
        Assert.Equal("before the re-run", (await grain.Read()).Value);
    }
}
