using System.ComponentModel.DataAnnotations;

namespace SupplyGrains.Domain.Compliance;

/// <summary>An export licence as granted: for one customer, some product lines, a quantity cap, an expiry and conditions.</summary>
[GenerateSerializer, Immutable, Alias("SupplyGrains.LicenseTerms")]
public sealed record LicenseTerms(
    string CustomerId,
    IReadOnlyList<string> ProductLines,
    int Quantity,
    DateOnly Expires,
    IReadOnlyList<string> Conditions) : IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!EntityId.IsValid(CustomerId)) yield return new($"must be a customer id ({EntityId.Rule})", [nameof(CustomerId)]);
        if (ProductLines is null || ProductLines.Count == 0) yield return new("must name at least one product line", [nameof(ProductLines)]);
        else if (!ProductLines.All(EntityId.IsValid)) yield return new($"must be product line ids ({EntityId.Rule})", [nameof(ProductLines)]);
        if (Quantity < 0) yield return new("must not be negative", [nameof(Quantity)]);
        if (Conditions is null) yield return new("is required (an empty list when there are none)", [nameof(Conditions)]);
    }
}
