using Orleans.Serialization;
using Orleans.Storage;

namespace SupplyGrains.Grains.Storage;

/// <summary>
/// One grain state to be stored together with others (<see cref="WriteAllAsync"/>): the states of different grains
/// that must reach the store in one transaction or not at all, as a new order's record and its product line's book
/// page. Orleans' <see cref="IGrainStorage"/> writes one state at a time, so this is ours.
/// </summary>
internal abstract class RecordWrite(string stateName, GrainId grainId)
{
    public string StateName { get; } = stateName;

    public GrainId GrainId { get; } = grainId;

    /// <summary>After a failed <see cref="WriteAllAsync"/>: whether this record's own condition failed (its ETag was not the stored one).</summary>
    public bool Conflicted { get; internal set; }

    public static RecordWrite Of<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => new Typed<T>(stateName, grainId, grainState);

    /// <summary>
    /// Stores every record in one transaction on a grain store of ours: all of them, or none when any conflicts (each
    /// then throws <see cref="InconsistentStateException"/>). Any other store writes them one after the other in the
    /// order given, so a caller lists first what must not be missing when a later one is on file.
    /// </summary>
    public static async Task WriteAllAsync(IGrainStorage storage, IReadOnlyList<RecordWrite> records)
    {
        if (storage is GroupCommitGrainStorage ours)
        {
            await ours.WriteTogetherAsync(records);
            return;
        }
        foreach (var record in records)
        {
            try
            {
                await record.WriteAloneAsync(storage);
            }
            catch (InconsistentStateException)
            {
                record.Conflicted = true;
                throw;
            }
        }
    }

    /// <summary>The state serialized now, as the write the store's writer queues.</summary>
    internal abstract PendingWrite Pending(Serializer serializer);

    /// <summary>The write is durable under <paramref name="etag"/>.</summary>
    internal abstract void Written(long etag);

    private protected abstract Task WriteAloneAsync(IGrainStorage storage);

    private sealed class Typed<T>(string stateName, GrainId grainId, IGrainState<T> grainState) : RecordWrite(stateName, grainId)
    {
        internal override PendingWrite Pending(Serializer serializer) =>
            new(StateName, GrainId, grainState.ETag, serializer.SerializeToArray(grainState.State));

        internal override void Written(long etag)
        {
            grainState.ETag = etag.ToString(System.Globalization.CultureInfo.InvariantCulture);
            grainState.RecordExists = true;
        }

        private protected override Task WriteAloneAsync(IGrainStorage storage) => storage.WriteStateAsync(StateName, GrainId, grainState);
    }
}
