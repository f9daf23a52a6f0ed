namespace SupplyGrains.Contracts.Compliance;

/// <summary>
/// One re-evaluation of open orders after a trigger (key: a fresh id per trigger), or a dry run of a draft policy. It
/// runs in the background, in batches, so the grain that triggered it is never waiting while the orders it re-decides
/// call back into it, and intake goes on meanwhile.
/// </summary>
[Alias("SupplyGrains.IReevaluationGrain")]
public interface IReevaluationGrain : IGrainWithStringKey
{
    /// <summary>Records the scope and starts the work; returns at once. Starting again does nothing.</summary>
    [Alias("Start")]
    Task Start(ReevaluationScope scope);

    /// <summary>Progress and impact so far; an id never started reads with an empty trigger.</summary>
    [Alias("GetReport"), ReadOnly]
    Task<ReevaluationReport> GetReport();

    /// <summary>The report once the work is complete, or as it stands when <paramref name="timeout"/> runs out.</summary>
    [Alias("WaitForReport"), AlwaysInterleave]
    Task<ReevaluationReport> WaitForReport(TimeSpan timeout);
}
