using SupplyGrains.Contracts.Allocation;

namespace SupplyGrains.Grains.Allocation;

/// <summary>The record of one run, kept apart from the allocation grain so that its history does not grow that grain's state.</summary>
public sealed class AllocationRunGrain(
    [PersistentState("run", GrainStorage.Name)] IPersistentState<AllocationRunRecord> state) : Grain, IAllocationRunGrain
{
    public async Task Save(AllocationRunView run)
    {
        if (state.State.Run == run) return;
        state.State.Run = run;
        await state.WriteStateAsync();
    }

    public Task<AllocationRunView?> Find() => Task.FromResult(state.State.Run);
}
