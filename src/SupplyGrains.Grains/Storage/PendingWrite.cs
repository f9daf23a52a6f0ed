namespace SupplyGrains.Grains.Storage;

/// <summary>A write or clear waiting for the writer's next transaction; its caller awaits <see cref="Completion"/>.</summary>
internal sealed class PendingWrite(string stateName, GrainId grainId, string? expectedETag, byte[]? payload)
{
    public string StateName { get; } = stateName;

    public string GrainId { get; } = grainId.ToString();

    public string GrainType { get; } = grainId.Type.ToString();

    /// <summary>The ETag the caller last saw; null claims that no record exists.</summary>
    public string? ExpectedETag { get; } = expectedETag;

    /// <summary>The serialized state, or null to delete the record.</summary>
    public byte[]? Payload { get; } = payload;

    public bool IsClear => Payload is null;

    /// <summary>When it was queued (<see cref="System.Diagnostics.Stopwatch"/> ticks): its wait is the store's write latency.</summary>
    public long QueuedAt { get; } = System.Diagnostics.Stopwatch.GetTimestamp();

    /// <summary>
    /// Completes with the record's new ETag once the transaction holding this write has committed.
    /// Continuations run asynchronously so that no caller's code runs on the writer loop.
    /// </summary>
    public TaskCompletionSource<long> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
