using System.ComponentModel.DataAnnotations;

namespace SupplyGrains.Domain.Supply;

/// <summary>From <see cref="FromWeek"/> on, the fab starts at most <see cref="WafersPerWeek"/> wafers a week, until a later change.</summary>
[GenerateSerializer, Immutable, Alias("SupplyGrains.CapacityChange")]
public sealed record CapacityChange(
    IsoWeek FromWeek,
    int WafersPerWeek) : IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (WafersPerWeek < 0) yield return new("must not be negative", [nameof(WafersPerWeek)]);
    }
}
