using SupplyGrains.Domain;
using SupplyGrains.Domain.Supply;

namespace SupplyGrains.Contracts.Supply;

/// <summary>A fab (key: fab id such as <c>tsmc-f18</c>): capacity and product loads; pushes its output forecast to the product lines it feeds.</summary>
[Alias("SupplyGrains.IFabGrain")]
public interface IFabGrain : IGrainWithStringKey
{
    [Alias("Define")]
    Task<FabView> Define(FabDefinition definition);

    /// <summary>From <c>change.FromWeek</c> on the fab starts at most <c>change.WafersPerWeek</c> wafers a week (replacing a change from the same week).</summary>
    [Alias("ChangeCapacity")]
    Task<FabView> ChangeCapacity(CapacityChange change, string by);

    /// <summary>No wafer starts between <c>downtime.FromWeek</c> and <c>downtime.ToWeek</c>; output dips a cycle time later.</summary>
    [Alias("PlanDowntime")]
    Task<FabView> PlanDowntime(PlannedDowntime downtime, string by);

    /// <summary>Takes back the capacity change from <paramref name="fromWeek"/>; not found when there is none.</summary>
    [Alias("RemoveCapacityChange")]
    Task<FabView> RemoveCapacityChange(IsoWeek fromWeek, string by);

    /// <summary>Takes back the downtime planned from <paramref name="fromWeek"/> to <paramref name="toWeek"/>; not found when there is none.</summary>
    [Alias("RemoveDowntime")]
    Task<FabView> RemoveDowntime(IsoWeek fromWeek, IsoWeek toWeek, string by);

    [Alias("Get")]
    Task<FabView> Get();
}
