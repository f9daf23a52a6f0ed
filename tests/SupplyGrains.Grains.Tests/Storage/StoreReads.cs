using System.Diagnostics;
using SupplyGrains.Grains.Storage;

namespace SupplyGrains.Grains.Tests.Storage;

/// <summary>
/// Counts the reads a grain store makes for one grain, from the spans it starts for each (one per
/// <c>IGrainStorage.ReadStateAsync</c>, one per read of several states): what a test of how
/// many round trips something costs can count, whatever else runs in the process.
/// </summary>
public sealed class StoreReads : IDisposable
{
    private readonly ActivityListener _listener;
    private int _count;

    public StoreReads(GrainId grainId)
    {
        var id = grainId.ToString();
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == GroupCommitGrainStorage.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = span =>
            {
                if (span.OperationName.StartsWith("grain state read", StringComparison.Ordinal) && Equals(span.GetTagItem("grain.id"), id))
                    Interlocked.Increment(ref _count);
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>Reads of the grain's states since this was made, or since the last <see cref="Take"/>.</summary>
    public int Take() => Interlocked.Exchange(ref _count, 0);

    public void Dispose() => _listener.Dispose();
}
