using SupplyGrains.Contracts.Allocation;

namespace SupplyGrains.Grains.Allocation;

/// <summary>The record of one run, kept apart from the allocation grain so that its history does not grow that grain's state.</summary>
public sealed class AllocationRunGrain(
    [PersistentState("run", GrainStorage.Name)] IPersistentState<AllocationRunRecord> state) : Grain, IAllocationRunGrain
{
    // The run as callers see it, held weakly: a run of 100k orders is tens of megabytes of small objects, and every
    // preview's record stays active for a while, so holding each view would grow the heap every collection walks.
    // While a caller still holds the view it is handed out again; otherwise it is rebuilt from the stored columns.
    private WeakReference<AllocationRunView>? _run;

    public async Task Save(AllocationRunView run)
    {
        if (_run is not null && _run.TryGetTarget(out var saved) && saved == run) return;
        state.State = AllocationRunRecord.From(run);
        await state.WriteStateAsync();
        _run = new WeakReference<AllocationRunView>(run);
    }

    public Task<AllocationRunView?> Find()
    {
        if (_run is not null && _run.TryGetTarget(out var run)) return Task.FromResult<AllocationRunView?>(run);
        var stored = state.State.ToView();
        if (stored is not null) _run = new WeakReference<AllocationRunView>(stored);
        return Task.FromResult(stored);
    }
}
