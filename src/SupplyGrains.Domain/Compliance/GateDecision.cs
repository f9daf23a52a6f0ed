namespace SupplyGrains.Domain.Compliance;

/// <summary>What one gate decided for an order, why, under which policy version and when.</summary>
[GenerateSerializer, Immutable, Alias("SupplyGrains.GateDecision")]
public sealed record GateDecision(
    Gate Gate,
    GateOutcome Outcome,
    string? Reason,
    string Detail,
    int PolicyVersion,
    DateTimeOffset DecidedAt);
