using System.ComponentModel.DataAnnotations;
using SupplyGrains.Domain.Allocation;

namespace SupplyGrains.Domain.Compliance;

/// <summary>One version of the regulatory policy: export and import rules and allocation conditions, in force from a date.</summary>
[GenerateSerializer, Immutable, Alias("SupplyGrains.PolicyDocument")]
public sealed record PolicyDocument(
    DateOnly EffectiveFrom,
    string Description,
    ExportPolicy Export,
    IReadOnlyList<ImportRule> Import,
    IReadOnlyList<AllocationCondition>? Allocation = null) : IValidatableObject
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
        for (var i = 0; i < (Allocation?.Count ?? 0); i++)
        {
            var field = $"{nameof(Allocation)}[{i}]";
            if (Allocation![i] is not { } condition) { yield return new("is required", [field]); continue; }
            if (condition.ProductLines is null || condition.ProductLines.Count == 0 || !condition.ProductLines.All(EntityId.IsValid))
                yield return new($"must name product lines ({EntityId.Rule})", [$"{field}.{nameof(AllocationCondition.ProductLines)}"]);
            if (condition.DestinationRatio is null || condition.DestinationRatio.Count == 0)
            {
                yield return new("must name at least one destination ratio", [$"{field}.{nameof(AllocationCondition.DestinationRatio)}"]);
                continue;
            }
            for (var j = 0; j < condition.DestinationRatio.Count; j++)
            {
                var ratio = condition.DestinationRatio[j];
                var at = $"{field}.{nameof(AllocationCondition.DestinationRatio)}[{j}]";
                if (!CountryCode.IsValid(ratio?.Destination)) yield return new(CountryCode.Rule, [$"{at}.{nameof(DestinationRatio.Destination)}"]);
                if (!CountryCode.IsValid(ratio?.RelativeTo)) yield return new(CountryCode.Rule, [$"{at}.{nameof(DestinationRatio.RelativeTo)}"]);
                if (ratio is not null && ratio.MaxRatio < 0) yield return new("must not be negative", [$"{at}.{nameof(DestinationRatio.MaxRatio)}"]);
                if (ratio?.Together is { } together && !together.All(CountryCode.IsValid))
                    yield return new(CountryCode.Rule, [$"{at}.{nameof(DestinationRatio.Together)}"]);
            }
        }
        for (var i = 0; i < Import.Count; i++)
        {
            var rule = Import[i];
            if (rule is null || !CountryCode.IsValid(rule.Country)) yield return new(CountryCode.Rule, [$"{nameof(Import)}[{i}].{nameof(ImportRule.Country)}"]);
            else if (rule.ApprovalRequired is null || rule.BannedBuyerTypes is null || rule.DeniedUseCases is null)
                yield return new("approvalRequired, bannedBuyerTypes and deniedUseCases are required", [$"{nameof(Import)}[{i}]"]);
        }
    }
}
