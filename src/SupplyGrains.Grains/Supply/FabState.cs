using SupplyGrains.Domain.Supply;

namespace SupplyGrains.Grains.Supply;

/// <summary>A fab's stored state: its definition and the output forecast computed from it.</summary>
[GenerateSerializer, Alias("SupplyGrains.FabState")]
public sealed class FabState
{
    [Id(0)] public FabDefinition? Definition { get; set; }
    [Id(1)] public List<FabOutput> Output { get; set; } = [];
    /// <summary>Who made the last capacity change or planned downtime.</summary>
    [Id(2)] public string? ChangedBy { get; set; }
}
