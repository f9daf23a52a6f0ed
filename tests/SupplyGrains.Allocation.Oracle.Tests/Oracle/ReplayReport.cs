namespace SupplyGrains.Allocation.Oracle.Tests;

/// <summary>
/// What <see cref="EngineReplay"/> found: every customer (per week and tier) whose engine lots differ from the
/// oracle's continuous share by more than the tolerance, the largest gap seen, and the work the oracle did.
/// </summary>
public sealed record ReplayReport(IReadOnlyList<string> Disagreements, double LargestGapLots, int Groups, int LinearPrograms)
{
    public bool Agrees => Disagreements.Count == 0;

    public override string ToString() =>
        $"{Groups} groups, {LinearPrograms} LPs, largest gap {LargestGapLots:0.######} lots"
        + (Agrees ? "" : $"; {Disagreements.Count} disagreements:\n  " + string.Join("\n  ", Disagreements));
}
