using System.Collections.Concurrent;
using Orleans.Serialization;
using Orleans.Storage;

namespace SupplyGrains.Grains.Tests.BookWrites;

/// <summary>
/// A grain store in memory whose writes a test can hold, release one at a time, or fail: what a real store does while
/// a transaction is on its way to disk, frozen so that a test can see who waits for it. Payloads are serialized on
/// the caller's turn (as the SQLite store does), so what is stored is what the grain held when it wrote.
/// </summary>
public sealed class ControlledGrainStorage(Serializer serializer) : IGrainStorage
{
    private readonly ConcurrentDictionary<(string State, GrainId Grain), (byte[] Payload, long ETag)> _records = new();
    private readonly ConcurrentQueue<HeldWrite> _held = new();
    private readonly ConcurrentDictionary<string, int> _writes = new();
    private long _lastETag;
    private volatile Func<string, GrainId, bool>? _hold;

    /// <summary>From now on, writes the predicate picks wait until <see cref="Release"/> or <see cref="Fail"/>.</summary>
    public void Hold(Func<string, GrainId, bool> which) => _hold = which;

    /// <summary>Holds nothing more and lets every held write through.</summary>
    public void HoldNothing()
    {
        _hold = null;
        while (_held.TryDequeue(out var write)) write.Go.TrySetResult(null);
    }

    /// <summary>Writes waiting for the test, oldest first.</summary>
    public int HeldCount => _held.Count;

    /// <summary>Lets the oldest held write through; returns the entries count of the page it carries (or -1).</summary>
    public int Release()
    {
        if (!_held.TryDequeue(out var write)) throw new InvalidOperationException("No write is held.");
        write.Go.TrySetResult(null);
        return write.Entries;
    }

    /// <summary>Fails the oldest held write with <paramref name="error"/>: nothing of it is stored.</summary>
    public void Fail(Exception error)
    {
        if (!_held.TryDequeue(out var write)) throw new InvalidOperationException("No write is held.");
        write.Go.TrySetResult(error);
    }

    /// <summary>Successful writes of states whose name starts with <paramref name="statePrefix"/>, for one grain.</summary>
    public int Writes(string statePrefix, GrainId grain) => _writes.GetValueOrDefault($"{statePrefix}|{grain}");

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (_records.TryGetValue((stateName, grainId), out var record))
        {
            grainState.State = serializer.Deserialize<T>(record.Payload);
            grainState.ETag = record.ETag.ToString(System.Globalization.CultureInfo.InvariantCulture);
            grainState.RecordExists = true;
        }
        else
        {
            grainState.State = Activator.CreateInstance<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
        }
        return Task.CompletedTask;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var payload = serializer.SerializeToArray(grainState.State);
        var expected = grainState.ETag;
        // Never done on the caller's turn, as no real store is: a grain goes on while its write travels.
        await Task.Yield();
        if (_hold is { } hold && hold(stateName, grainId))
        {
            var write = new HeldWrite(grainState.State is Allocation.BookPage page ? page.Read().Count() : -1);
            _held.Enqueue(write);
            if (await write.Go.Task is { } error) throw error;
        }
        var etag = Interlocked.Increment(ref _lastETag);
        lock (_records)
        {
            var stored = _records.TryGetValue((stateName, grainId), out var record) ? record.ETag.ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
            if (stored != expected)
                throw new InconsistentStateException($"ETag mismatch on {stateName} of {grainId}: stored {stored}, claimed {expected}", stored, expected);
            _records[(stateName, grainId)] = (payload, etag);
        }
        grainState.ETag = etag.ToString(System.Globalization.CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
        _writes.AddOrUpdate($"{Prefix(stateName)}|{grainId}", 1, (_, n) => n + 1);
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        _records.TryRemove((stateName, grainId), out _);
        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    // Book pages count under one name: "allocation-book-007" → "allocation-book-".
    private static string Prefix(string stateName) => stateName.TrimEnd('0', '1', '2', '3', '4', '5', '6', '7', '8', '9');

    private sealed class HeldWrite(int entries)
    {
        public int Entries { get; } = entries;

        public TaskCompletionSource<Exception?> Go { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
