namespace SupplyGrains.Contracts.Allocation;

/// <summary>A run's standing: a preview, committed, or a preview whose inputs have changed since (it can no longer be committed).</summary>
public enum RunStatus
{
    Preview,
    Committed,
    Stale,
}
