using SupplyGrains.Domain;
using SupplyGrains.Domain.Allocation;

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

    /// <summary>How run <paramref name="runId"/> differs from run <paramref name="againstRunId"/>; both must be runs of the same product line.</summary>
    public static async Task<RunDiff> DiffRunsAsync(this IGrainFactory grains, string runId, string againstRunId)
    {
        EntityId.Require(againstRunId, "against");
        var run = await grains.GetGrain<IAllocationRunGrain>(runId).Find() ?? throw new NotFoundException("allocation run", runId);
        var against = await grains.GetGrain<IAllocationRunGrain>(againstRunId).Find()
            ?? throw new DomainValidationException("against", $"allocation run '{againstRunId}' does not exist");
        if (against.ProductLine != run.ProductLine)
            throw new DomainValidationException("against", $"run '{againstRunId}' is for product line '{against.ProductLine}', not '{run.ProductLine}'");
        return RunComparison.Compare(run.Id, new AllocationOutcome(run.Weeks, run.Orders), against.Id, new AllocationOutcome(against.Weeks, against.Orders));
    }
}
