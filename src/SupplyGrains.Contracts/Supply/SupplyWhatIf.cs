using System.ComponentModel.DataAnnotations;
using SupplyGrains.Domain;
using SupplyGrains.Domain.Supply;

namespace SupplyGrains.Contracts.Supply;

/// <summary>
/// Hypothetical supply changes to preview against a product line: fab capacity changes, planned downtime and manual
/// adjustments, none of which is recorded.
/// </summary>
[GenerateSerializer, Immutable, Alias("SupplyGrains.SupplyWhatIf")]
public sealed record SupplyWhatIf(
    [property: Id(0)] IReadOnlyList<FabCapacityWhatIf>? CapacityChanges = null,
    [property: Id(1)] IReadOnlyList<FabDowntimeWhatIf>? Downtime = null,
    [property: Id(2)] IReadOnlyList<SupplyAdjustment>? Adjustments = null) : IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        Each(nameof(CapacityChanges), CapacityChanges)
            .Concat(Each(nameof(Downtime), Downtime))
            .Concat(Each(nameof(Adjustments), Adjustments));

    private static IEnumerable<ValidationResult> Each<T>(string field, IReadOnlyList<T>? items) where T : class, IValidatableObject
    {
        if (items is null) yield break;
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is null) { yield return new("is required", [$"{field}[{i}]"]); continue; }
            foreach (var error in DomainValidation.Nested($"{field}[{i}]", items[i])) yield return error;
        }
    }
}
