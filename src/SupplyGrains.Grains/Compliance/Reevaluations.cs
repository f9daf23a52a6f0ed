using SupplyGrains.Contracts.Compliance;

namespace SupplyGrains.Grains.Compliance;

/// <summary>Starts a background re-evaluation under a fresh id, so no grain ever waits on the orders it re-decides.</summary>
internal static class Reevaluations
{
    public static async Task<string> StartAsync(IGrainFactory grains, ReevaluationScope scope)
    {
        var id = $"re-{Guid.CreateVersion7():N}";
        await grains.GetGrain<IReevaluationGrain>(id).Start(scope);
        return id;
    }
}
