namespace SupplyGrains.Grains.Tests.Storage;

/// <summary>Persists one <see cref="ProbeState"/> through the store under test (SQLite or PostgreSQL, by fixture).</summary>
public sealed class StorageProbeGrain(
    [PersistentState(StorageProbeGrain.StateName, StorageProbeGrain.StorageName)] IPersistentState<ProbeState> state)
    : Grain, IStorageProbeGrain
{
    public const string StateName = "s";

    /// <summary>The store name each storage fixture registers its store under.</summary>
    public const string StorageName = "store-under-test";

    // Tells a fresh activation (whose state came from the file) from the one that wrote it.
    private readonly Guid _activationId = Guid.NewGuid();

    public async Task<string?> Write(string value)
    {
        state.State.Value = value;
        state.State.Writes++;
        await state.WriteStateAsync();
        return state.Etag;
    }

    public Task<ProbeReading> Read() =>
        Task.FromResult(new ProbeReading(state.State.Value, state.State.Writes, state.RecordExists, state.Etag, _activationId));

    public Task Clear() => state.ClearStateAsync();
}
