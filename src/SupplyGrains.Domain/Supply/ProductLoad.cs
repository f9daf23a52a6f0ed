using System.ComponentModel.DataAnnotations;

namespace SupplyGrains.Domain.Supply;

/// <summary>
/// One product a fab runs: its priority for wafer starts (lower first), the starts it wants per week between two
/// weeks, dies per wafer, a linear yield ramp, the cycle time from start to output and an optional packaging cap.
/// </summary>
[GenerateSerializer, Immutable, Alias("SupplyGrains.ProductLoad")]
public sealed record ProductLoad(
    string ProductLine,
    int Priority,
    int WafersPerWeek,
    IsoWeek FromWeek,
    IsoWeek ToWeek,
    int DiesPerWafer,
    decimal YieldStart,
    decimal YieldMature,
    IsoWeek RampStartWeek,
    int RampWeeks,
    int CycleTimeWeeks,
    int? PackagingUnitsPerWeek = null) : IValidatableObject
{
    /// <summary>Good dies per wafer started: linear from <see cref="YieldStart"/> to <see cref="YieldMature"/> over the ramp.</summary>
    public decimal YieldAt(IsoWeek week)
    {
        var elapsed = week.WeeksSince(RampStartWeek);
        if (elapsed <= 0) return YieldStart;
        if (RampWeeks <= 0 || elapsed >= RampWeeks) return YieldMature;
        return YieldStart + (YieldMature - YieldStart) * elapsed / RampWeeks;
    }

    public bool RunsIn(IsoWeek week) => week >= FromWeek && week <= ToWeek;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!EntityId.IsValid(ProductLine)) yield return new($"must be a product line id ({EntityId.Rule})", [nameof(ProductLine)]);
        if (WafersPerWeek < 0) yield return new("must not be negative", [nameof(WafersPerWeek)]);
        if (ToWeek < FromWeek) yield return new("must not be before fromWeek", [nameof(ToWeek)]);
        if (DiesPerWafer < 1) yield return new("must be at least 1", [nameof(DiesPerWafer)]);
        if (YieldStart is < 0 or > 1) yield return new("must be between 0 and 1", [nameof(YieldStart)]);
        if (YieldMature is < 0 or > 1) yield return new("must be between 0 and 1", [nameof(YieldMature)]);
        if (RampWeeks < 0) yield return new("must not be negative", [nameof(RampWeeks)]);
        if (CycleTimeWeeks < 0) yield return new("must not be negative", [nameof(CycleTimeWeeks)]);
        if (PackagingUnitsPerWeek < 0) yield return new("must not be negative", [nameof(PackagingUnitsPerWeek)]);
    }
}
