using SupplyGrains.Domain;

namespace SupplyGrains.Contracts.Allocation;

/// <summary>Reading a run the way both the HTTP API and Orleans clients want it: with its staleness worked out now.</summary>
public static class AllocationRuns
{
    /// <summary>The run, with a preview reported <see cref="RunStatus.Stale"/> when its product line's inputs changed since.</summary>
    public static async Task<AllocationRunView> GetRunAsync(this IGrainFactory grains, string runId)
    {
        var run = await grains.GetGrain<IAllocationRunGrain>(runId).Find() ?? throw new NotFoundException("allocation run", runId);
        if (run.Status != RunStatus.Preview) return run;
        var request = new AllocationRunRequest(run.ProductLine, run.FromWeek, run.ToWeek, run.Strategy, run.Mode, run.Caps);
        var current = await grains.GetGrain<IAllocationGrain>(run.ProductLine).Fingerprint(request);
        return current == run.InputFingerprint ? run : run with { Status = RunStatus.Stale };
    }
}
