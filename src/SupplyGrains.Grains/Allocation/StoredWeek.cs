using SupplyGrains.Domain;

namespace SupplyGrains.Grains.Allocation;

/// <summary>One week of a stored run: its totals, and its lines as packed rows (see <see cref="AllocationRunRecord"/>).</summary>
/// <remarks>Ids 4 to 6 held the columns of an earlier layout and stay retired.</remarks>
[GenerateSerializer, Alias("SupplyGrains.StoredWeek")]
public sealed class StoredWeek
{
    [Id(0)] public IsoWeek Week { get; set; }
    [Id(1)] public int Supply { get; set; }
    [Id(2)] public int Allocated { get; set; }
    [Id(3)] public int CarriedOut { get; set; }
    /// <summary>
    /// Count, then each line: the step from the previous line's order index (zigzag) with what stopped it in its low
    /// three bits, then its quantity; or, with 7 in those bits, no quantity: the order's line before says it all.
    /// </summary>
    [Id(7)] public byte[] Lines { get; set; } = [];
}
