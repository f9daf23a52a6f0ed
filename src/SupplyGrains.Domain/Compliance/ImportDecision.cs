using System.ComponentModel.DataAnnotations;

namespace SupplyGrains.Domain.Compliance;

/// <summary>An importing authority's decision on one order (e.g. MOFCOM approving a ByteDance purchase).</summary>
[GenerateSerializer, Immutable, Alias("SupplyGrains.ImportDecision")]
public sealed record ImportDecision(
    ImportDecisionKind Decision,
    string Authority,
    string Reference,
    string? Note) : IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enum.IsDefined(Decision)) yield return new("must be Approved or Denied", [nameof(Decision)]);
        if (string.IsNullOrWhiteSpace(Authority)) yield return new("must name the authority", [nameof(Authority)]);
        if (Reference is null) yield return new("is required", [nameof(Reference)]);
    }
}
