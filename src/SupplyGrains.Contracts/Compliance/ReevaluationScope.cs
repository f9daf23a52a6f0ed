using SupplyGrains.Domain.Compliance;

namespace SupplyGrains.Contracts.Compliance;

/// <summary>
/// Which open orders a trigger re-decides, and on whose word: every order (a policy) or one customer's (a profile or
/// licence change). With a <see cref="Draft"/> it is a dry run: the orders are judged under the draft and nothing changes.
/// </summary>
[GenerateSerializer, Immutable, Alias("SupplyGrains.ReevaluationScope")]
public sealed record ReevaluationScope(
    [property: Id(0)] string Trigger,
    [property: Id(1)] string? CustomerId = null,
    [property: Id(2)] string By = "system",
    [property: Id(3)] int? PolicyVersion = null,
    [property: Id(4)] VersionedPolicy? Draft = null);
