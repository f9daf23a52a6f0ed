using SupplyGrains.Domain.Allocation;

namespace SupplyGrains.Domain.Compliance;

/// <summary>
/// A condition a policy puts on every allocation of some product lines, whatever caps the planner asks for: the
/// licence rule's "China and Macau together at most 50% of what US customers get" is a destination ratio.
/// </summary>
[GenerateSerializer, Immutable, Alias("SupplyGrains.AllocationCondition")]
public sealed record AllocationCondition(
    IReadOnlyList<string> ProductLines,
    IReadOnlyList<DestinationRatio> DestinationRatio,
    string? Note = null);
