namespace SupplyGrains.Allocation.Oracle.Tests;

/// <summary>How <see cref="MaxMinOracle"/> decides, after a stage, which customers cannot rise above the stage's level.</summary>
public enum FreezeRule
{
    /// <summary>Customers whose level constraint has a non-zero dual value (one LP per stage).</summary>
    Duals,

    /// <summary>One more LP per unfrozen customer: maximise that customer alone with everybody else kept at the level.</summary>
    PerCandidate,
}
