namespace SupplyGrains.Domain.Catalog;

/// <summary>Where a product line is in its life: decides nothing yet, but planners filter by it.</summary>
public enum LifecycleStage
{
    Planned,
    Ramp,
    Volume,
    EndOfLife,
}
