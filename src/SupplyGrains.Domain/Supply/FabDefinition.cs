using System.ComponentModel.DataAnnotations;

namespace SupplyGrains.Domain.Supply;

/// <summary>A fab: where it is, how many wafers it can start per week, and the product loads it runs.</summary>
[GenerateSerializer, Immutable, Alias("SupplyGrains.FabDefinition")]
public sealed record FabDefinition(
    string Name,
    string Country,
    int WaferStartsPerWeek,
    IReadOnlyList<ProductLoad> Loads) : IValidatableObject
{
    public IEnumerable<string> ProductLines => Loads.Select(l => l.ProductLine).Distinct(StringComparer.Ordinal);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(Name)) yield return new("must not be empty", [nameof(Name)]);
        if (!CountryCode.IsValid(Country)) yield return new(CountryCode.Rule, [nameof(Country)]);
        if (WaferStartsPerWeek < 0) yield return new("must not be negative", [nameof(WaferStartsPerWeek)]);
        if (Loads is null) { yield return new("is required", [nameof(Loads)]); yield break; }
        for (var i = 0; i < Loads.Count; i++)
        {
            if (Loads[i] is null) { yield return new("is required", [$"{nameof(Loads)}[{i}]"]); continue; }
            foreach (var error in DomainValidation.Nested($"{nameof(Loads)}[{i}]", Loads[i])) yield return error;
        }
    }
}
