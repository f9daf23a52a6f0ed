namespace SupplyGrains.Allocation.Oracle.Tests;

/// <summary>Element-wise comparison of continuous lots with a tolerance (xunit's has none for sequences).</summary>
internal static class Close
{
    public static void Equal(IReadOnlyList<double> expected, IReadOnlyList<double> actual, double tolerance)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance,
                $"[{i}]: expected {expected[i]}, got {actual[i]} (all: {string.Join(" / ", actual)})");
        }
    }
}
