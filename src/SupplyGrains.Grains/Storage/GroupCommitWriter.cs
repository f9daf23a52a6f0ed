using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Orleans.Storage;
using SupplyGrains.Contracts;

namespace SupplyGrains.Grains.Storage;

/// <summary>
/// The only writer of one grain store in this silo. Writes and clears queue up while a transaction commits; the next
/// transaction takes all of them (up to a bound), so one durable commit acknowledges many writes (group commit).
/// The store decides what a transaction is (<see cref="CommitAsync"/>); the queue, the loop, the drain at stop and
/// the promise that every caller hears back are the same for every store.
/// </summary>
internal abstract partial class GroupCommitWriter
{
    private readonly Channel<PendingWrite> _queue;
    private readonly int _maxBatchSize;
    private readonly int _writers;
    private readonly string _storeName;
    private readonly ILogger _logger;
    private Task? _loops;
    private long _transactions;
    private long _writes;

    private readonly StorageMetrics _metrics;

    // writers: batches committed side by side. 1 for a store with one writer at a time (SQLite's file lock); more for
    // a server that commits concurrent transactions in parallel (PostgreSQL), where one batch's round trip and commit
    // would otherwise idle the silo.
    protected GroupCommitWriter(string storeName, int maxBatchSize, StorageMetrics metrics, ILogger logger, int writers = 1)
    {
        _queue = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = writers == 1, AllowSynchronousContinuations = false });
        _writers = writers;
        _storeName = storeName;
        _metrics = metrics;
        _maxBatchSize = maxBatchSize;
        _logger = logger;
    }

    protected ILogger Logger => _logger;

    /// <summary>Committed transactions so far; with <see cref="Writes"/> it shows how much group commit batched.</summary>
    internal long Transactions => Interlocked.Read(ref _transactions);

    /// <summary>Writes and clears settled by committed transactions so far (ETag conflicts included).</summary>
    internal long Writes => Interlocked.Read(ref _writes);

    /// <summary>Starts the writer loop; the store has checked that it can write before calling this.</summary>
    protected void StartLoop() => _loops = Task.WhenAll(Enumerable.Range(0, _writers).Select(_ => Task.Run(RunAsync)));

    /// <summary>Queues a write or clear; the task completes after its transaction commits.</summary>
    /// <exception cref="ObjectDisposedException">The store has stopped.</exception>
    public Task<long> Enqueue(PendingWrite write)
    {
        if (!_queue.Writer.TryWrite(write))
            throw new ObjectDisposedException(_storeName, $"The grain store '{_storeName}' has stopped; the write was not accepted.");
        return write.Completion.Task;
    }

    /// <summary>
    /// Queues writes that must be stored together: all in one transaction, and none of them when any conflicts (each
    /// then fails with <see cref="Orleans.Storage.InconsistentStateException"/>). The task completes after the commit.
    /// </summary>
    /// <exception cref="ArgumentException">Two of the writes are to the same record.</exception>
    /// <exception cref="ObjectDisposedException">The store has stopped.</exception>
    public Task EnqueueTogether(PendingWrite[] writes)
    {
        if (writes.Length == 0) return Task.CompletedTask;
        if (writes.Length == 1) return Enqueue(writes[0]);
        // The stores check a group's conditions before they write any of it: a record written twice in one group would
        // be checked against what it held before the group.
        var records = new HashSet<(string, string)>();
        foreach (var write in writes)
        {
            if (!records.Add((write.StateName, write.GrainId)))
                throw new ArgumentException($"State '{write.StateName}' of grain {write.GrainId} is written twice in one group.", nameof(writes));
            write.Together = writes;
        }
        // The first write stands for the group in the queue, so that no writer loop takes part of it.
        if (!_queue.Writer.TryWrite(writes[0]))
            throw new ObjectDisposedException(_storeName, $"The grain store '{_storeName}' has stopped; the writes were not accepted.");
        return Task.WhenAll(writes.Select(w => w.Completion.Task));
    }

    /// <summary>Accepts no more writes, commits what is queued, then closes the store's connection.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        if (_loops is null)
        {
            // Never started (the silo failed earlier in its start): nothing will commit what was queued.
            while (_queue.Reader.TryRead(out var queued))
                foreach (var write in Members(queued))
                    write.Completion.TrySetException(new ObjectDisposedException(_storeName, $"The grain store '{_storeName}' never started."));
            return;
        }
        await _loops.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Applies every item of <paramref name="batch"/> in one transaction and commits it durably, adding one outcome per
    /// item in order: the record's new ETag, or the ETag conflict that item met (a conflicting item writes nothing;
    /// the rest still commit). Items stored together (<see cref="PendingWrite.Together"/>) stand side by side in the
    /// batch, and a conflict of one of them fails all of them (<see cref="GroupConflict"/>), none written. Throws when
    /// nothing of the batch is durable.
    /// </summary>
    protected abstract Task CommitAsync(IReadOnlyList<PendingWrite> batch, List<(long ETag, Exception? Conflict)> outcomes);

    /// <summary>Drops the connection after a failed batch, so the next batch starts on a fresh one; also called at the end of each writer loop.</summary>
    protected abstract void CloseConnection();

    private async Task RunAsync()
    {
        var batch = new List<PendingWrite>();
        var outcomes = new List<(long ETag, Exception? Conflict)>();
        try
        {
            // WaitToReadAsync turns false only once the queue is completed and empty: stopping drains it.
            while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
            {
                batch.Clear();
                while (batch.Count < _maxBatchSize && _queue.Reader.TryRead(out var write))
                    batch.AddRange(Members(write));
                if (batch.Count > 0) await CommitBatchAsync(batch, outcomes).ConfigureAwait(false);
            }
        }
        catch (Exception exception)
        {
            // CommitBatchAsync contains its own failures, so this is a bug; still, no caller may wait forever on a dead loop.
            LogWriterCrashed(exception, _storeName);
            _queue.Writer.TryComplete(exception);
            foreach (var write in batch)
                write.Completion.TrySetException(exception);
            while (_queue.Reader.TryRead(out var queued))
                foreach (var write in Members(queued))
                    write.Completion.TrySetException(exception);
        }
        finally
        {
            CloseConnection();
        }
    }

    private async Task CommitBatchAsync(List<PendingWrite> batch, List<(long ETag, Exception? Conflict)> outcomes)
    {
        outcomes.Clear();
        try
        {
            await CommitAsync(batch, outcomes).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            // Nothing of this batch is durable: fail every caller in it. The connection may be in any state after a
            // failed statement or commit, so the next batch starts on a fresh one rather than reason about it.
            LogBatchFailed(exception, _storeName, batch.Count);
            _metrics.Failed("write");
            CloseConnection();
            var failure = new StoreUnavailableException(_storeName, exception);
            foreach (var write in batch)
                write.Completion.TrySetException(failure);
            return;
        }

        Interlocked.Increment(ref _transactions);
        Interlocked.Add(ref _writes, batch.Count);
        for (var i = 0; i < batch.Count; i++)
        {
            var (etag, conflict) = outcomes[i];
            // A write on its own conflicted by its own condition; a group's writers mark the one that stopped it.
            if (conflict is not null && batch[i].Together is null) batch[i].Conflicted = true;
            _metrics.Written(System.Diagnostics.Stopwatch.GetElapsedTime(batch[i].QueuedAt));
            if (conflict is null)
                batch[i].Completion.TrySetResult(etag);
            else
                batch[i].Completion.TrySetException(conflict);
        }
    }

    private static IEnumerable<PendingWrite> Members(PendingWrite queued) => queued.Together ?? [queued];

    /// <summary>What each write of a group gets when <paramref name="conflict"/> stopped the group: a conflict of its own.</summary>
    protected static InconsistentStateException GroupConflict(PendingWrite write, InconsistentStateException conflict) =>
        new($"State '{write.StateName}' of grain {write.GrainId} was not written: it was to be stored together with a write that conflicted. {conflict.Message}",
            conflict.StoredEtag, conflict.CurrentEtag, conflict);

    [LoggerMessage(Level = LogLevel.Error, Message = "Grain store '{Store}': a batch of {Count} writes failed and was rolled back; each caller gets the error")]
    private partial void LogBatchFailed(Exception exception, string store, int count);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Grain store '{Store}': the writer loop failed; the store accepts no more writes")]
    private partial void LogWriterCrashed(Exception exception, string store);
}
