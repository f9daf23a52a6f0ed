namespace SupplyGrains.Domain.Compliance;

/// <summary>What one gate decided for an order, why, under which policy version and when.</summary>
[GenerateSerializer, Immutable, Alias("SupplyGrains.GateDecision")]
public sealed record GateDecision(
    [property: Id(0)] Gate Gate,
    [property: Id(1)] GateOutcome Outcome,
    [property: Id(2)] string? Reason,
    [property: Id(3)] string Detail,
    [property: Id(4)] int PolicyVersion,
    [property: Id(5)] DateTimeOffset DecidedAt);
