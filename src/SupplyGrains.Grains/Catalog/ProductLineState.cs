using SupplyGrains.Contracts.Catalog;
using SupplyGrains.Domain;
using SupplyGrains.Domain.Catalog;

namespace SupplyGrains.Grains.Catalog;

/// <summary>
/// A product line's stored state: its definition, each fab's output forecast, the planners' supply adjustments, and
/// the units committed and released by entry (run or release id) so that retried commits and releases count once.
/// </summary>
[GenerateSerializer, Alias("SupplyGrains.ProductLineState")]
public sealed class ProductLineState
{
    [Id(0)] public ProductLineDefinition? Definition { get; set; }
    [Id(1)] public Dictionary<string, Dictionary<IsoWeek, int>> FabOutput { get; set; } = [];
    [Id(2)] public Dictionary<string, Dictionary<IsoWeek, int>> Commitments { get; set; } = [];
    [Id(3)] public Dictionary<string, Dictionary<IsoWeek, int>> Releases { get; set; } = [];
    [Id(4)] public long Version { get; set; }
    [Id(5)] public List<RecordedAdjustment> Adjustments { get; set; } = [];
}
