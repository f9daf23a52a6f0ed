using System.Globalization;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace SupplyGrains.Grains.Storage;

/// <summary>
/// The only writer of one SQLite grain store. Writes and clears queue up while a transaction commits; the next
/// transaction takes all of them (up to a bound), so one fsync acknowledges many writes (group commit).
/// </summary>
internal sealed partial class SqliteGroupCommitWriter
{
    private readonly Channel<PendingWrite> _queue = Channel.CreateUnbounded<PendingWrite>(
        new UnboundedChannelOptions { SingleReader = true, AllowSynchronousContinuations = false });
    private readonly List<PendingWrite> _batch = [];
    private readonly List<(long ETag, Exception? Conflict)> _outcomes = [];
    private readonly string _connectionString;
    private readonly int _maxBatchSize;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private SqliteConnection? _connection;
    private SqliteCommand? _readETag;
    private SqliteCommand? _upsert;
    private SqliteCommand? _delete;
    private Task? _loop;
    private long _lastETag;
    private long _transactions;
    private long _writes;

    public SqliteGroupCommitWriter(string connectionString, int maxBatchSize, TimeProvider timeProvider, ILogger logger)
    {
        _connectionString = connectionString;
        _maxBatchSize = maxBatchSize;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>Committed transactions so far; with <see cref="Writes"/> it shows how much group commit batched.</summary>
    internal long Transactions => Interlocked.Read(ref _transactions);

    /// <summary>Writes and clears settled by committed transactions so far (ETag conflicts included).</summary>
    internal long Writes => Interlocked.Read(ref _writes);

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
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Queues a write or clear; the task completes after its transaction commits.</summary>
    /// <exception cref="ObjectDisposedException">The store has stopped.</exception>
    public Task<long> Enqueue(PendingWrite write)
    {
        if (!_queue.Writer.TryWrite(write))
            throw new ObjectDisposedException(nameof(SqliteGrainStorage), "The SQLite grain store has stopped; the write was not accepted.");
        return write.Completion.Task;
    }

    /// <summary>Accepts no more writes, commits what is queued, then closes the connection.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        if (_loop is null)
        {
            // Never started (the silo failed earlier in its start): nothing will commit what was queued.
            while (_queue.Reader.TryRead(out var write))
                write.Completion.TrySetException(new ObjectDisposedException(nameof(SqliteGrainStorage), "The SQLite grain store never started."));
            return;
        }
        await _loop.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        try
        {
            // WaitToReadAsync turns false only once the queue is completed and empty: stopping drains it.
            while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
            {
                _batch.Clear();
                while (_batch.Count < _maxBatchSize && _queue.Reader.TryRead(out var write))
                    _batch.Add(write);
                CommitBatch();
            }
        }
        catch (Exception exception)
        {
            // CommitBatch contains its own failures, so this is a bug; still, no caller may wait forever on a dead loop.
            LogWriterCrashed(exception);
            _queue.Writer.TryComplete(exception);
            foreach (var write in _batch)
                write.Completion.TrySetException(exception);
            while (_queue.Reader.TryRead(out var write))
                write.Completion.TrySetException(exception);
        }
        finally
        {
            CloseConnection();
        }
    }

    private void CommitBatch()
    {
        _outcomes.Clear();
        try
        {
            var connection = _connection ?? UseConnection(OpenConnection());
            // BEGIN IMMEDIATE: the write lock is taken before the ETag checks read, so no other process can commit
            // between a check and its write (a deferred transaction would also fail to upgrade with SQLITE_BUSY).
            using var transaction = connection.BeginTransaction(deferred: false);
            _readETag!.Transaction = _upsert!.Transaction = _delete!.Transaction = transaction;
            var updatedAt = _timeProvider.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
            foreach (var write in _batch)
                _outcomes.Add(Apply(write, updatedAt));
            transaction.Commit();
        }
        catch (Exception exception)
        {
            // Nothing of this batch is durable: fail every caller in it with the cause. The connection may be in any
            // state after a failed statement or commit (SQLite can roll back on its own), so start the next batch on a
            // fresh one rather than reason about it; closing rolls back whatever is still open.
            LogBatchFailed(exception, _batch.Count);
            CloseConnection();
            foreach (var write in _batch)
                write.Completion.TrySetException(exception);
            return;
        }

        Interlocked.Increment(ref _transactions);
        Interlocked.Add(ref _writes, _batch.Count);
        for (var i = 0; i < _batch.Count; i++)
        {
            var (etag, conflict) = _outcomes[i];
            if (conflict is null)
                _batch[i].Completion.TrySetResult(etag);
            else
                _batch[i].Completion.TrySetException(conflict);
        }
    }

    // Check then write, inside the batch's transaction: the writer is the only one writing this file from this
    // process and SQLite's write lock keeps other processes out, so nothing changes between the check and the write.
    // A conflicting item writes nothing, so it needs no savepoint to undo, and the rest of the batch commits.
    private (long ETag, Exception? Conflict) Apply(PendingWrite write, string updatedAt)
    {
        _readETag!.Parameters["$state"].Value = write.StateName;
        _readETag.Parameters["$grain"].Value = write.GrainId;
        var stored = _readETag.ExecuteScalar() is long value ? value : (long?)null;
        if (!ETagMatches(write.ExpectedETag, stored))
        {
            var storedText = stored?.ToString(CultureInfo.InvariantCulture) ?? "(no record)";
            var claimed = write.ExpectedETag ?? "(no record)";
            return (0, new InconsistentStateException(
                $"ETag mismatch on state '{write.StateName}' of grain {write.GrainId}: stored {storedText}, the write claimed {claimed}.",
                storedText,
                claimed));
        }

        if (write.IsClear)
        {
            if (stored is not null)
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

    private static bool ETagMatches(string? expected, long? stored) =>
        expected is null
            ? stored is null
            : stored is { } current
              && long.TryParse(expected, NumberStyles.None, CultureInfo.InvariantCulture, out var claimed)
              && claimed == current;

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

    private void CloseConnection()
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
            LogCloseFailed(exception);
        }
        finally
        {
            _readETag = _upsert = _delete = null;
            _connection = null;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "SQLite grain store: a batch of {Count} writes failed and was rolled back; each caller gets the error")]
    private partial void LogBatchFailed(Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Critical, Message = "SQLite grain store: the writer loop failed; the store accepts no more writes")]
    private partial void LogWriterCrashed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SQLite grain store: closing the writer connection failed")]
    private partial void LogCloseFailed(Exception exception);
}
