using SupplyGrains.Contracts.Compliance;

namespace SupplyGrains.Grains.Compliance;

/// <summary>
/// Background re-evaluations under a fresh id, so no grain ever waits on the orders it re-decides. The triggering
/// grain records the start in the same write as the change that caused it, then starts it, and starts it again on its
/// next activation (starting is idempotent): a crash between the write and the start loses nothing.
/// </summary>
internal static class Reevaluations
{
    public static ReevaluationStart Plan(ReevaluationScope scope, string prefix = "re") => new($"{prefix}-{Guid.CreateVersion7():N}", scope);

    public static Task Start(IGrainFactory grains, ReevaluationStart? start) =>
        start is null ? Task.CompletedTask : grains.GetGrain<IReevaluationGrain>(start.ReevaluationId).Start(start.Scope);
}

/// <summary>A re-evaluation a grain owes: its id and scope, kept until the grain's next change replaces it.</summary>
[GenerateSerializer, Immutable, Alias("SupplyGrains.ReevaluationStart")]
public sealed record ReevaluationStart(string ReevaluationId, ReevaluationScope Scope);
