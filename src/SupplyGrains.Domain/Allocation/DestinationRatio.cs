namespace SupplyGrains.Domain.Allocation;

/// <summary>
/// A coupling cap: in a week, <see cref="Destination"/> may get at most <see cref="MaxRatio"/> × what
/// <see cref="RelativeTo"/> gets. With <see cref="Together"/>, those further destinations count together with
/// <see cref="Destination"/> against the same cap: lots(Destination) + Σ lots(Together) ≤ MaxRatio × lots(RelativeTo)
/// ("China and Macau together get at most half of what US customers get").
/// </summary>
[GenerateSerializer, Immutable, Alias("SupplyGrains.DestinationRatio")]
public sealed record DestinationRatio(
    string Destination,
    string RelativeTo,
    decimal MaxRatio,
    IReadOnlyList<string>? Together = null);
