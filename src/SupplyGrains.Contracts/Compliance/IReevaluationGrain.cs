namespace SupplyGrains.Contracts.Compliance;

/// <summary>
/// One re-evaluation of open orders after a trigger (key: a fresh id per trigger). It runs in the background, in
/// batches, so the grain that triggered it is never waiting while the orders it re-decides call back into it.
/// </summary>
[Alias("SupplyGrains.IReevaluationGrain")]
public interface IReevaluationGrain : IGrainWithStringKey
{
    /// <summary>Records the scope and starts the work; returns at once. Starting again does nothing.</summary>
    [Alias("Start")]
    Task Start(ReevaluationScope scope);

    [Alias("GetProgress"), ReadOnly]
    Task<ReevaluationProgress> GetProgress();
}
