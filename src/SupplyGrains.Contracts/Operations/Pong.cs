namespace SupplyGrains.Contracts.Operations;

/// <summary>A ping's answer: which silo served it, and when.</summary>
[GenerateSerializer, Immutable, Alias("SupplyGrains.Pong")]
public sealed record Pong(
    [property: Id(0)] string Silo,
    [property: Id(1)] DateTimeOffset At);
