using System.ComponentModel.DataAnnotations;

namespace SupplyGrains.Domain.Compliance;

/// <summary>A compliance officer's decision on the review holds of an order (possible denied party, diversion).</summary>
[GenerateSerializer, Immutable, Alias("SupplyGrains.ReviewDecision")]
public sealed record ReviewDecision(
    ReviewDecisionKind Decision,
    string? Note) : IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enum.IsDefined(Decision)) yield return new("must be Clear or Deny", [nameof(Decision)]);
    }
}
