using System.ComponentModel.DataAnnotations;

namespace SupplyGrains.Domain.Customers;

/// <summary>
/// A buyer as compliance and allocation see it: legal name and aliases (screened), country, entity type,
/// tier (1 is served first), fair-share weight and past purchases (for turn-and-earn).
/// </summary>
[GenerateSerializer, Immutable, Alias("SupplyGrains.CustomerProfile")]
public sealed record CustomerProfile(
    string Name,
    IReadOnlyList<string> Aliases,
    string Country,
    EntityType EntityType,
    int Tier,
    decimal Weight,
    long PastPurchases) : IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(Name)) yield return new("must not be empty", [nameof(Name)]);
        if (Aliases is null) yield return new("is required (an empty list when there are none)", [nameof(Aliases)]);
        else if (Aliases.Any(string.IsNullOrWhiteSpace)) yield return new("must not contain empty names", [nameof(Aliases)]);
        if (!CountryCode.IsValid(Country)) yield return new(CountryCode.Rule, [nameof(Country)]);
        if (!Enum.IsDefined(EntityType)) yield return new("unknown entity type", [nameof(EntityType)]);
        if (Tier < 1) yield return new("must be 1 or more (1 is served first)", [nameof(Tier)]);
        if (Weight <= 0) yield return new("must be positive", [nameof(Weight)]);
        if (PastPurchases < 0) yield return new("must not be negative", [nameof(PastPurchases)]);
    }
}
