namespace SupplyGrains.Domain.Allocation;

/// <summary>A coupling cap: in a week, <see cref="Destination"/> may get at most <see cref="MaxRatio"/> × what <see cref="RelativeTo"/> gets.</summary>
[GenerateSerializer, Immutable, Alias("SupplyGrains.DestinationRatio")]
public sealed record DestinationRatio(
    string Destination,
    string RelativeTo,
    decimal MaxRatio);
