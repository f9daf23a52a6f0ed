using System.ComponentModel.DataAnnotations;

namespace SupplyGrains.Domain.Supply;

/// <summary>
/// A planner's correction to a product line's production in one week, with the reason for it: found stock (positive),
/// scrap or a lost shipment (negative). It counts as produced in that week, beside the fabs' output.
/// </summary>
[GenerateSerializer, Immutable, Alias("SupplyGrains.SupplyAdjustment")]
public sealed record SupplyAdjustment(
    IsoWeek Week,
    int Units,
    string Reason) : IValidatableObject
{
    /// <summary>Long enough for a shipment reference and a sentence; the reason is read in the audit, not stored as a file.</summary>
    public const int MaxReasonLength = 500;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(Reason)) yield return new("is required: say why supply changes", [nameof(Reason)]);
        else if (Reason.Length > MaxReasonLength) yield return new($"must be at most {MaxReasonLength} characters", [nameof(Reason)]);
        if (Units == 0) yield return new("must not be zero: a positive number adds units, a negative one takes them away", [nameof(Units)]);
    }
}
