using System.Diagnostics.CodeAnalysis;

namespace SupplyGrains.Grains.Tests.Storage;

/// <summary>What a grain hands its store, for tests that call the store directly.</summary>
public sealed class ProbeGrainState(ProbeState state, string? etag = null) : IGrainState<ProbeState>
{
    /// <summary>Never null: a store that sets null (instead of a new default state) fails the test that made it.</summary>
    [AllowNull]
    public ProbeState State
    {
        get;
        set => field = value ?? throw new ArgumentNullException(nameof(value), "The store set a null state.");
    } = state;

    public string? ETag { get; set; } = etag;

    public bool RecordExists { get; set; }
}
