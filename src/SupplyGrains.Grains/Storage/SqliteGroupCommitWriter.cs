using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace SupplyGrains.Grains.Storage;

/// <summary>
/// The writer of one SQLite grain store: a transaction per batch under SQLite's write lock, fsynced at commit
/// (WAL, synchronous=FULL).
/// </summary>
internal sealed partial class SqliteGroupCommitWriter : GroupCommitWriter
{
    private readonly string _connectionString;
    private readonly TimeProvider _timeProvider;
    private SqliteConnection? _connection;
    private SqliteCommand? _readETag;
    private SqliteCommand? _upsert;
    private SqliteCommand? _delete;
    private long _lastETag;

    public SqliteGroupCommitWriter(string connectionString, int maxBatchSize, TimeProvider timeProvider, StorageMetrics metrics, ILogger logger)
        : base("SQLite", maxBatchSize, metrics, logger)
    {
        _connectionString = connectionString;
        _timeProvider = timeProvider;
    }

    /// <summary>Opens the file (WAL, synchronous=FULL), creates the table and starts the writer loop; fails loudly so the silo does not start without its store.</summary>
    public void Start()
    {
        var connection = OpenConnection();
        try
        {
            using var create = connection.CreateCommand();
            create.CommandText = GrainStateTable.Create;
            create.ExecuteNonQuery();

            // ETags never repeat within a file, not even for a record cleared and written again: an activation that
            // still holds the ETag of a deleted record must not match its successor. Starting above both the largest
            // ETag on file and the wall clock's ticks covers records deleted in earlier runs; the writer then counts
            // up by one per write, far slower than the clock, so the next start again begins above everything issued.
            // The real clock on purpose: an injected TimeProvider may be a test's frozen one.
            using var max = connection.CreateCommand();
            max.CommandText = GrainStateTable.MaxETag;
            var onFile = Convert.ToInt64(max.ExecuteScalar(), CultureInfo.InvariantCulture);
            _lastETag = Math.Max(onFile, TimeProvider.System.GetUtcNow().UtcTicks);
        }
        catch
        {
            connection.Dispose();
            throw;
        }

        UseConnection(connection);
        StartLoop();
    }

    protected override Task CommitAsync(IReadOnlyList<PendingWrite> batch, List<(long ETag, Exception? Conflict)> outcomes)
    {
        var connection = _connection ?? UseConnection(OpenConnection());
        // BEGIN IMMEDIATE: the write lock is taken before the ETag checks read, so no other process can commit
        // between a check and its write (a deferred transaction would also fail to upgrade with SQLITE_BUSY).
        using var transaction = connection.BeginTransaction(deferred: false);
        _readETag!.Transaction = _upsert!.Transaction = _delete!.Transaction = transaction;
        var updatedAt = _timeProvider.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
        for (var i = 0; i < batch.Count;)
        {
            if (batch[i].Together is not { } group)
            {
                outcomes.Add(Check(batch[i]) is { } conflict ? (0, conflict) : Apply(batch[i], updatedAt));
                i++;
                continue;
            }
            // A group is checked whole before any of it is written, so a conflict leaves nothing of it to undo.
            var checks = group.Select(Check).ToList();
            var first = checks.FirstOrDefault(c => c is not null);
            for (var j = 0; j < group.Length; j++)
            {
                group[j].Conflicted = checks[j] is not null;
                outcomes.Add(first is null ? Apply(group[j], updatedAt) : (0, checks[j] ?? GroupConflict(group[j], first)));
            }
            i += group.Length;
        }
        transaction.Commit();
        return Task.CompletedTask;
    }

    // Check then write, inside the batch's transaction: the writer is the only one writing this file from this
    // process and SQLite's write lock keeps other processes out, so nothing changes between the check and the write.
    // A conflicting item writes nothing, so it needs no savepoint to undo, and the rest of the batch commits.
    private InconsistentStateException? Check(PendingWrite write)
    {
        _readETag!.Parameters["$state"].Value = write.StateName;
        _readETag.Parameters["$grain"].Value = write.GrainId;
        var stored = _readETag.ExecuteScalar() is long value ? value : (long?)null;
        if (GroupCommitGrainStorage.ETagMatches(write.ExpectedETag, stored)) return null;
        var storedText = stored?.ToString(CultureInfo.InvariantCulture) ?? "(no record)";
        var claimed = write.ExpectedETag ?? "(no record)";
        return new InconsistentStateException(
            $"ETag mismatch on state '{write.StateName}' of grain {write.GrainId}: stored {storedText}, the write claimed {claimed}.",
            storedText,
            claimed);
    }

    // The write that Check allowed.
    private (long ETag, Exception? Conflict) Apply(PendingWrite write, string updatedAt)
    {
        if (write.IsClear)
        {
            if (write.ExpectedETag is not null) // checked: the record is there
            {
                _delete!.Parameters["$state"].Value = write.StateName;
                _delete.Parameters["$grain"].Value = write.GrainId;
                _delete.ExecuteNonQuery();
            }
            return (0, null);
        }

        var etag = ++_lastETag;
        _upsert!.Parameters["$state"].Value = write.StateName;
        _upsert.Parameters["$grain"].Value = write.GrainId;
        _upsert.Parameters["$type"].Value = write.GrainType;
        _upsert.Parameters["$etag"].Value = etag;
        _upsert.Parameters["$payload"].Value = write.Payload;
        _upsert.Parameters["$updated"].Value = updatedAt;
        _upsert.ExecuteNonQuery();
        return (etag, null);
    }

    private SqliteConnection OpenConnection()
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            using var pragma = connection.CreateCommand();
            // WAL lets reads run beside the writer; synchronous=FULL fsyncs the log at every commit, so a completed
            // write survives a killed process and a lost machine alike (NORMAL would only survive the former).
            pragma.CommandText = "PRAGMA journal_mode=WAL;";
            var mode = pragma.ExecuteScalar() as string;
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
                throw new InvalidOperationException($"SQLite refused WAL journal mode for {connection.DataSource} (got '{mode}').");
            pragma.CommandText = "PRAGMA synchronous=FULL;";
            pragma.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private SqliteConnection UseConnection(SqliteConnection connection)
    {
        // Prepared once per connection and reused for every item of every batch.
        _readETag = Command(connection, GrainStateTable.ReadETag, "$state", "$grain");
        _upsert = Command(connection, GrainStateTable.Upsert, "$state", "$grain", "$type", "$etag", "$payload", "$updated");
        _delete = Command(connection, GrainStateTable.Delete, "$state", "$grain");
        _connection = connection;
        return connection;
    }

    private static SqliteCommand Command(SqliteConnection connection, string text, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = text;
        foreach (var name in parameters)
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        return command;
    }

    protected override void CloseConnection()
    {
        try
        {
            _readETag?.Dispose();
            _upsert?.Dispose();
            _delete?.Dispose();
            _connection?.Dispose();
        }
        catch (Exception exception)
        {
            LogCloseFailed(Logger, exception);
        }
        finally
        {
            _readETag = _upsert = _delete = null;
            _connection = null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "SQLite grain store: closing the writer connection failed")]
    private static partial void LogCloseFailed(ILogger logger, Exception exception);
}
