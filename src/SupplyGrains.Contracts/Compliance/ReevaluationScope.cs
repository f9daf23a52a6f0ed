namespace SupplyGrains.Contracts.Compliance;

/// <summary>Which open orders a trigger re-decides: every order (a policy), or one customer's (a profile or licence change).</summary>
[GenerateSerializer, Immutable, Alias("SupplyGrains.ReevaluationScope")]
public sealed record ReevaluationScope(
    [property: Id(0)] string Trigger,
    [property: Id(1)] string? CustomerId = null);
