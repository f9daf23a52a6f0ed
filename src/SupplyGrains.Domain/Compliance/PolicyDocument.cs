using System.ComponentModel.DataAnnotations;

namespace SupplyGrains.Domain.Compliance;

/// <summary>One version of the regulatory policy: export and import rules, in force from a date.</summary>
[GenerateSerializer, Immutable, Alias("SupplyGrains.PolicyDocument")]
public sealed record PolicyDocument(
    DateOnly EffectiveFrom,
    string Description,
    ExportPolicy Export,
    IReadOnlyList<ImportRule> Import) : IValidatableObject
{
    public ImportRule? ImportRuleFor(string country) => Import.FirstOrDefault(r => r.Country == country);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Description is null) yield return new("is required", [nameof(Description)]);
        if (Export is null) { yield return new("is required", [nameof(Export)]); yield break; }
        if (Import is null) { yield return new("is required (an empty list when there are none)", [nameof(Import)]); yield break; }
        if (Export.Rules is null || Export.DeniedEntityTypes is null || Export.DeniedParties is null)
            yield return new("rules, deniedEntityTypes and deniedParties are required", [nameof(Export)]);
        else
        {
            for (var i = 0; i < Export.Rules.Count; i++)
            {
                var rule = Export.Rules[i];
                if (!EntityId.IsValid(rule?.ProductLine)) yield return new($"must be a product line id ({EntityId.Rule})", [$"{nameof(Export)}.{nameof(Export.Rules)}[{i}].{nameof(ExportRule.ProductLine)}"]);
                if (!CountryCode.IsValid(rule?.Destination)) yield return new(CountryCode.Rule, [$"{nameof(Export)}.{nameof(Export.Rules)}[{i}].{nameof(ExportRule.Destination)}"]);
                if (rule is not null && !Enum.IsDefined(rule.Treatment)) yield return new("unknown treatment", [$"{nameof(Export)}.{nameof(Export.Rules)}[{i}].{nameof(ExportRule.Treatment)}"]);
            }
            for (var i = 0; i < Export.DeniedParties.Count; i++)
                if (string.IsNullOrWhiteSpace(Export.DeniedParties[i]?.Name) || Export.DeniedParties[i].Aliases is null)
                    yield return new("needs a name and an aliases list", [$"{nameof(Export)}.{nameof(Export.DeniedParties)}[{i}]"]);
        }
        if (Export.FuzzyThreshold is <= 0 or > 1) yield return new("must be in (0, 1]", [$"{nameof(Export)}.{nameof(Export.FuzzyThreshold)}"]);
        for (var i = 0; i < Import.Count; i++)
        {
            var rule = Import[i];
            if (rule is null || !CountryCode.IsValid(rule.Country)) yield return new(CountryCode.Rule, [$"{nameof(Import)}[{i}].{nameof(ImportRule.Country)}"]);
            else if (rule.ApprovalRequired is null || rule.BannedBuyerTypes is null || rule.DeniedUseCases is null)
                yield return new("approvalRequired, bannedBuyerTypes and deniedUseCases are required", [$"{nameof(Import)}[{i}]"]);
        }
    }
}
