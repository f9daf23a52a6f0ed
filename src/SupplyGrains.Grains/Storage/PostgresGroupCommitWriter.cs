using System.Globalization;
using Npgsql;
using NpgsqlTypes;
using Orleans.Storage;

namespace SupplyGrains.Grains.Storage;

/// <summary>
/// The writer of one PostgreSQL grain store in this silo: every batch is one transaction of conditional statements,
/// sent in one round trip (an <see cref="NpgsqlBatch"/>) and acknowledged after its commit is durable
/// (synchronous_commit=on). Other silos write the same table through their own writers; the conditions on the ETag
/// keep them honest with each other.
/// </summary>
internal sealed class PostgresGroupCommitWriter(NpgsqlDataSource dataSource, int maxBatchSize, int writers, TimeProvider timeProvider, StorageMetrics metrics, Microsoft.Extensions.Logging.ILogger logger)
    : GroupCommitWriter("PostgreSQL", maxBatchSize, metrics, logger, writers)
{
    // Each write answers its record's new ETag, or no row when its condition failed. The statements carry no read of
    // their own: the ETag a conflict found is read after the batch (conflicts are rare), because a lookup inside every
    // statement was a second index probe per record, run as a sub-plan (the sub-plans were a third of PostgreSQL's CPU
    // on intake, bench/README.md §6).
    private const string Insert = """
        INSERT INTO supplygrains_grain_state (state_name, grain_id, grain_type, etag, payload, updated_at)
        VALUES ($1, $2, $3, nextval('supplygrains_grain_state_etag'), $4, $5)
        ON CONFLICT DO NOTHING
        RETURNING etag;
        """;

    private const string Update = """
        UPDATE supplygrains_grain_state
           SET etag = nextval('supplygrains_grain_state_etag'), payload = $4, updated_at = $5, grain_type = $3
         WHERE state_name = $1 AND grain_id = $2 AND etag = $6
        RETURNING etag;
        """;

    private const string Delete = """
        DELETE FROM supplygrains_grain_state WHERE state_name = $1 AND grain_id = $2 AND etag = $3 RETURNING 0::bigint;
        """;

    // A clear that claims no record succeeds when there is none and writes nothing either way.
    private const string ConfirmAbsent = """
        SELECT 0::bigint WHERE NOT EXISTS (SELECT 1 FROM supplygrains_grain_state WHERE state_name = $1 AND grain_id = $2);
        """;

    private const string Found = "SELECT etag FROM supplygrains_grain_state WHERE state_name = $1 AND grain_id = $2;";

    public void Start() => StartLoop();

    protected override async Task CommitAsync(IReadOnlyList<PendingWrite> batch, List<(long ETag, Exception? Conflict)> outcomes)
    {
        // An ETag that is not one of ours can match no record: it conflicts without a statement.
        var expected = new long?[batch.Count];
        var comparable = new bool[batch.Count];
        // Groups stored together that one of their writes stopped (its index): none of their writes is in the commit.
        var stopped = new Dictionary<PendingWrite[], int>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < batch.Count; i++)
        {
            if (batch[i].ExpectedETag is not { } text) comparable[i] = true;
            else if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var etag)) (expected[i], comparable[i]) = (etag, true);
            else if (batch[i].Together is { } group) stopped.TryAdd(group, i);
        }

        var written = new long?[batch.Count];
        var found = new Dictionary<int, long?>();
        var updatedAt = timeProvider.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync().ConfigureAwait(false);
        while (true)
        {
            // The statements go in key order, so two silos whose batches touch the same records (a grain briefly
            // active on both during a membership change) lock them in the same order and cannot deadlock.
            var order = Enumerable.Range(0, batch.Count)
                .Where(i => comparable[i] && (batch[i].Together is not { } group || !stopped.ContainsKey(group)))
                .ToList();
            order.Sort((a, b) => CompareKeys(batch[a], batch[b]));
            Array.Clear(written);
            found.Clear();
            await using var transaction = await connection.BeginTransactionAsync().ConfigureAwait(false);
            var newlyStopped = order.Count > 0 && await ExecuteAsync(connection, transaction, batch, order, expected, updatedAt, written, found, stopped).ConfigureAwait(false);
            // A group's conflict shows only once its statements have run, beside writes of the group that succeeded:
            // the transaction goes back, and the batch runs again without the group. Conflicts are rare; groups, too.
            if (newlyStopped)
            {
                await transaction.RollbackAsync().ConfigureAwait(false);
                continue;
            }
            foreach (var cause in stopped.Values.Where(i => comparable[i])) found[cause] = null;
            if (found.Count > 0) await ReadFoundAsync(connection, transaction, batch, found).ConfigureAwait(false);
            await transaction.CommitAsync().ConfigureAwait(false);
            break;
        }

        foreach (var cause in stopped.Values) batch[cause].Conflicted = true;
        for (var i = 0; i < batch.Count; i++)
        {
            if (batch[i].Together is { } group && stopped.TryGetValue(group, out var cause))
            {
                var conflict = Conflict(batch[cause], Stored(cause));
                outcomes.Add((0, i == cause ? conflict : GroupConflict(batch[i], conflict)));
            }
            else
            {
                outcomes.Add(written[i] is { } etag ? (etag, null) : (0, Conflict(batch[i], Stored(i))));
            }
        }

        (long? ETag, bool Compared) Stored(int i) => found.TryGetValue(i, out var stored) ? (stored, true) : (null, false);
    }

    // Runs the batch's statements in one round trip; true when a write of a group conflicted (the group is now stopped).
    private static async Task<bool> ExecuteAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<PendingWrite> batch, List<int> order,
        long?[] expected, DateTimeOffset updatedAt, long?[] written, Dictionary<int, long?> found, Dictionary<PendingWrite[], int> stopped)
    {
        var newlyStopped = false;
        await using var commands = new NpgsqlBatch(connection, transaction);
        foreach (var i in order)
            commands.BatchCommands.Add(Statement(batch[i], expected[i], updatedAt));
        await using var reader = await commands.ExecuteReaderAsync().ConfigureAwait(false);
        foreach (var i in order)
        {
            if (await reader.ReadAsync().ConfigureAwait(false)) written[i] = reader.GetInt64(0);
            else if (batch[i].Together is { } group) newlyStopped |= stopped.TryAdd(group, i);
            else found[i] = null;
            await reader.NextResultAsync().ConfigureAwait(false);
        }
        return newlyStopped;
    }

    // For the conflicts' messages: what each conflicting record holds now.
    private static async Task ReadFoundAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<PendingWrite> batch, Dictionary<int, long?> found)
    {
        var conflicts = found.Keys.ToList();
        await using var commands = new NpgsqlBatch(connection, transaction);
        foreach (var i in conflicts)
        {
            var command = new NpgsqlBatchCommand(Found);
            command.Parameters.Add(new NpgsqlParameter<string> { NpgsqlDbType = NpgsqlDbType.Text, TypedValue = batch[i].StateName });
            command.Parameters.Add(new NpgsqlParameter<string> { NpgsqlDbType = NpgsqlDbType.Text, TypedValue = batch[i].GrainId });
            commands.BatchCommands.Add(command);
        }
        await using var reader = await commands.ExecuteReaderAsync().ConfigureAwait(false);
        foreach (var i in conflicts)
        {
            if (await reader.ReadAsync().ConfigureAwait(false)) found[i] = reader.GetInt64(0);
            await reader.NextResultAsync().ConfigureAwait(false);
        }
    }

    // The pool owns the connections; Npgsql discards one that broke in a failed batch.
    protected override void CloseConnection()
    {
    }

    private static NpgsqlBatchCommand Statement(PendingWrite write, long? expected, DateTimeOffset updatedAt)
    {
        var command = new NpgsqlBatchCommand(write.IsClear ? (expected is null ? ConfirmAbsent : Delete) : (expected is null ? Insert : Update));
        command.Parameters.Add(new NpgsqlParameter<string> { NpgsqlDbType = NpgsqlDbType.Text, TypedValue = write.StateName });
        command.Parameters.Add(new NpgsqlParameter<string> { NpgsqlDbType = NpgsqlDbType.Text, TypedValue = write.GrainId });
        if (write.IsClear)
        {
            if (expected is { } etag) command.Parameters.Add(new NpgsqlParameter<long> { NpgsqlDbType = NpgsqlDbType.Bigint, TypedValue = etag });
            return command;
        }

        command.Parameters.Add(new NpgsqlParameter<string> { NpgsqlDbType = NpgsqlDbType.Text, TypedValue = write.GrainType });
        command.Parameters.Add(new NpgsqlParameter<byte[]> { NpgsqlDbType = NpgsqlDbType.Bytea, TypedValue = write.Payload });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { NpgsqlDbType = NpgsqlDbType.TimestampTz, TypedValue = updatedAt });
        if (expected is { } current) command.Parameters.Add(new NpgsqlParameter<long> { NpgsqlDbType = NpgsqlDbType.Bigint, TypedValue = current });
        return command;
    }

    private static InconsistentStateException Conflict(PendingWrite write, (long? ETag, bool Compared) stored)
    {
        var storedText = !stored.Compared ? "(not compared: not an ETag of this store)"
            : stored.ETag?.ToString(CultureInfo.InvariantCulture) ?? "(no record)";
        var claimed = write.ExpectedETag ?? "(no record)";
        return new InconsistentStateException(
            $"ETag mismatch on state '{write.StateName}' of grain {write.GrainId}: stored {storedText}, the write claimed {claimed}.", storedText, claimed);
    }

    private static int CompareKeys(PendingWrite a, PendingWrite b)
    {
        var byState = string.CompareOrdinal(a.StateName, b.StateName);
        return byState != 0 ? byState : string.CompareOrdinal(a.GrainId, b.GrainId);
    }
}
