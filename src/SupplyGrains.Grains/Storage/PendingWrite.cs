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

    /// <summary>
    /// The writes this one is stored together with, itself included (<see cref="GroupCommitWriter.EnqueueTogether"/>):
    /// they go into one transaction side by side, and when any of them conflicts none of them is written. Null for a
    /// write on its own.
    /// </summary>
    public PendingWrite[]? Together { get; set; }

    /// <summary>Set when this write's own condition failed: its ETag was not the stored one (in a group, it stopped the group).</summary>
    public bool Conflicted { get; set; }

    /// <summary>When it was queued (<see cref="System.Diagnostics.Stopwatch"/> ticks): its wait is the store's write latency.</summary>
    public long QueuedAt { get; } = System.Diagnostics.Stopwatch.GetTimestamp();

    /// <summary>
    /// Completes with the record's new ETag once the transaction holding this write has committed.
    /// Continuations run asynchronously so that no caller's code runs on the writer loop.
    /// </summary>
    public TaskCompletionSource<long> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
