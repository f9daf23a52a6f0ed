using System.ComponentModel.DataAnnotations;

namespace SupplyGrains.Domain.Catalog;

/// <summary>What a product line is: name, family, stage, its Total Processing Performance (3A090) and the lot it ships in.</summary>
[GenerateSerializer, Immutable, Alias("SupplyGrains.ProductLineDefinition")]
public sealed record ProductLineDefinition(
    string Name,
    string Family,
    LifecycleStage Stage,
    int Tpp,
    int LotSize) : IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(Name)) yield return new("must not be empty", [nameof(Name)]);
        if (string.IsNullOrWhiteSpace(Family)) yield return new("must not be empty", [nameof(Family)]);
        if (!Enum.IsDefined(Stage)) yield return new("unknown stage", [nameof(Stage)]);
        if (Tpp < 0) yield return new("must not be negative", [nameof(Tpp)]);
        if (LotSize < 1) yield return new("must be a positive number of units", [nameof(LotSize)]);
    }
}
