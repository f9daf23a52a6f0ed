using System.ComponentModel.DataAnnotations;

namespace SupplyGrains.Domain.Supply;

/// <summary>
/// One product a fab runs: its priority for wafer starts (lower first), the starts it wants per week between two
/// weeks, dies per wafer, a linear yield ramp, the cycle time from start to output and an optional packaging cap.
/// </summary>
[GenerateSerializer, Immutable, Alias("SupplyGrains.ProductLoad")]
public sealed record ProductLoad(
    [property: Id(0)] string ProductLine,
    [property: Id(1)] int Priority,
    [property: Id(2)] int WafersPerWeek,
    [property: Id(3)] IsoWeek FromWeek,
    [property: Id(4)] IsoWeek ToWeek,
    [property: Id(5)] int DiesPerWafer,
    [property: Id(6)] decimal YieldStart,
    [property: Id(7)] decimal YieldMature,
    [property: Id(8)] IsoWeek RampStartWeek,
    [property: Id(9)] int RampWeeks,
    [property: Id(10)] int CycleTimeWeeks,
    [property: Id(11)] int? PackagingUnitsPerWeek = null) : IValidatableObject
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
