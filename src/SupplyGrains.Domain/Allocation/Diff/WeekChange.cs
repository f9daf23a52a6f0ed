namespace SupplyGrains.Domain.Allocation;

/// <summary>One week in either run: its supply and what it allocated, in the run compared against (before) and in this one (after).</summary>
[GenerateSerializer, Immutable, Alias("SupplyGrains.WeekChange")]
public sealed record WeekChange(
    IsoWeek Week,
    int SupplyBefore,
    int SupplyAfter,
    int AllocatedBefore,
    int AllocatedAfter);
