using SupplyGrains.Contracts.Allocation;

namespace SupplyGrains.Grains.Allocation;

/// <summary>The record of one run, kept apart from the allocation grain so that its history does not grow that grain's state.</summary>
public sealed class AllocationRunGrain(
    [PersistentState("run", GrainStorage.Name)] IPersistentState<AllocationRunRecord> state) : Grain, IAllocationRunGrain
{
    // The run as callers see it, rebuilt from the stored columns once per activation.
    private AllocationRunView? _run;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _run = state.State.ToView();
        return Task.CompletedTask;
    }

    public async Task Save(AllocationRunView run)
    {
        if (_run == run) return;
        state.State = AllocationRunRecord.From(run);
        await state.WriteStateAsync();
        _run = run;
    }

    public Task<AllocationRunView?> Find() => Task.FromResult(_run);
}
