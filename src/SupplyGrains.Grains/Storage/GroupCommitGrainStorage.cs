using System.Globalization;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using SupplyGrains.Contracts;

namespace SupplyGrains.Grains.Storage;

/// <summary>
/// What the SQLite and PostgreSQL grain stores share: Orleans' binary serializer for the payload, an integer ETag
/// per record, and writes acknowledged only once their group-committed transaction is durable. A store supplies
/// how a record is read and its writer; this class keeps Orleans' <see cref="IGrainStorage"/> contract.
/// </summary>
public abstract class GroupCommitGrainStorage : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    /// <summary>Spans for grain state reads and writes, children of the grain call that made them (HTTP → grain → store).</summary>
    public const string ActivitySourceName = "SupplyGrains.Storage";

    private static readonly System.Diagnostics.ActivitySource Tracing = new(ActivitySourceName);

    private readonly Serializer _serializer;
    private readonly IActivatorProvider _activatorProvider;
    private volatile bool _stopped;

    private protected GroupCommitGrainStorage(string name, Serializer serializer, IActivatorProvider activatorProvider)
    {
        Name = name;
        _serializer = serializer;
        _activatorProvider = activatorProvider;
    }

    public string Name { get; }

    private protected abstract GroupCommitWriter Writer { get; }

    /// <summary>Committed write transactions so far; tests compare it with <see cref="Writes"/> to see batching.</summary>
    internal long Transactions => Writer.Transactions;

    /// <summary>Writes and clears settled by committed transactions so far.</summary>
    internal long Writes => Writer.Writes;

    public void Participate(ISiloLifecycle lifecycle) =>
        // ApplicationServices starts before grains can activate and stops after the GrainDeactivation stage,
        // so the writes grains make while deactivating at shutdown still reach the store.
        lifecycle.Subscribe(OptionFormattingUtilities.Name<GroupCommitGrainStorage>(Name), ServiceLifecycleStage.ApplicationServices, StartAsync, StopAsync);

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ObjectDisposedException.ThrowIf(_stopped, this);
        using var span = Span("grain state read", stateName, grainId);
        Fill(grainState, await ReadRecordAsync(stateName, grainId.ToString()).ConfigureAwait(false));
    }

    /// <summary>
    /// Reads several states of one grain at once, each into the item of <paramref name="grainStates"/> at its index as
    /// <see cref="ReadStateAsync"/> would: one statement on PostgreSQL, one snapshot on SQLite. A book of many pages
    /// activates in a few round trips rather than one a page.
    /// </summary>
    internal async Task ReadManyAsync<T>(IReadOnlyList<string> stateNames, GrainId grainId, IReadOnlyList<IGrainState<T>> grainStates)
    {
        ObjectDisposedException.ThrowIf(_stopped, this);
        using var span = Span("grain state read many", $"{stateNames[0]}..{stateNames[^1]}", grainId);
        span?.SetTag("grain.records", stateNames.Count);
        var records = await ReadRecordsAsync(stateNames, grainId.ToString()).ConfigureAwait(false);
        for (var i = 0; i < stateNames.Count; i++) Fill(grainStates[i], records[i]);
    }

    private void Fill<T>(IGrainState<T> grainState, (long ETag, byte[] Payload)? record)
    {
        if (record is not var (etag, payload))
        {
            ResetToNoRecord(grainState);
            return;
        }

        grainState.State = _serializer.Deserialize<T>(payload) ?? CreateDefault<T>();
        grainState.ETag = etag.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        using var span = Span("grain state write", stateName, grainId);
        // Serialized here, on the caller's turn: the grain may change its state as soon as this returns.
        var payload = _serializer.SerializeToArray(grainState.State);
        var etag = await Writer.Enqueue(new PendingWrite(stateName, grainId, grainState.ETag, payload)).ConfigureAwait(false);
        grainState.ETag = etag.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    /// <summary>Stores the records in one transaction: all of them are durable, or none (see <see cref="RecordWrite.WriteAllAsync"/>).</summary>
    internal async Task WriteTogetherAsync(IReadOnlyList<RecordWrite> records)
    {
        using var span = Tracing.StartActivity("grain state write together", System.Diagnostics.ActivityKind.Client);
        span?.SetTag("db.system", Name);
        span?.SetTag("grain.records", records.Count);
        var writes = records.Select(r => r.Pending(_serializer)).ToArray();
        try
        {
            await Writer.EnqueueTogether(writes).ConfigureAwait(false);
        }
        finally
        {
            for (var i = 0; i < records.Count; i++) records[i].Conflicted = writes[i].Conflicted;
        }
        for (var i = 0; i < records.Count; i++) records[i].Written(writes[i].Completion.Task.Result);
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        using var span = Span("grain state clear", stateName, grainId);
        await Writer.Enqueue(new PendingWrite(stateName, grainId, grainState.ETag, payload: null)).ConfigureAwait(false);
        // The state the grain goes on with is what a read would now return (Orleans 10's bridge keeps the old object).
        ResetToNoRecord(grainState);
    }

    /// <summary>Checks that the store answers now (the readiness probe): throws when it does not.</summary>
    public abstract Task ProbeAsync(CancellationToken cancellationToken);

    /// <summary>The record's ETag and payload, or null when there is none. Throws <see cref="StoreUnavailableException"/> when the store is away.</summary>
    private protected abstract Task<(long ETag, byte[] Payload)?> ReadRecordAsync(string stateName, string grainId);

    /// <summary>Each state's record, or null, in the order of <paramref name="stateNames"/>. Throws <see cref="StoreUnavailableException"/> when the store is away.</summary>
    private protected abstract Task<(long ETag, byte[] Payload)?[]> ReadRecordsAsync(IReadOnlyList<string> stateNames, string grainId);

    internal abstract Task StartAsync(CancellationToken cancellationToken);

    internal virtual async Task StopAsync(CancellationToken cancellationToken)
    {
        _stopped = true;
        try
        {
            await Writer.StopAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The writer keeps draining while the process lives; callers still waiting are not acknowledged.
            OnStopTimedOut();
        }
    }

    private protected abstract void OnStopTimedOut();

    private System.Diagnostics.Activity? Span(string name, string stateName, GrainId grainId)
    {
        var span = Tracing.StartActivity(name, System.Diagnostics.ActivityKind.Client);
        span?.SetTag("db.system", Name);
        span?.SetTag("grain.state", stateName);
        span?.SetTag("grain.id", grainId.ToString());
        return span;
    }

    // As Orleans' own stores do: no record reads as a new instance (never null), made by Orleans' activator.
    private void ResetToNoRecord<T>(IGrainState<T> grainState)
    {
        grainState.State = CreateDefault<T>();
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    private T CreateDefault<T>() => _activatorProvider.GetActivator<T>().Create();

    /// <summary>
    /// ETags as the writers compare them: null claims that no record exists; anything else must equal the stored
    /// ETag exactly (a text that is not a number never matches).
    /// </summary>
    internal static bool ETagMatches(string? expected, long? stored) =>
        expected is null
            ? stored is null
            : stored is { } current
              && long.TryParse(expected, NumberStyles.None, CultureInfo.InvariantCulture, out var claimed)
              && claimed == current;
}
