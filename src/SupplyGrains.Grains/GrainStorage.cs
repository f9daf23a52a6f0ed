namespace SupplyGrains.Grains;

/// <summary>The name every SupplyGrains grain persists its state under; the host decides what store it is (SQLite, PostgreSQL).</summary>
public static class GrainStorage
{
    public const string Name = "supplygrains";
}
