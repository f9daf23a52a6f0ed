using System.ComponentModel.DataAnnotations;
using SupplyGrains.Domain;
using SupplyGrains.Domain.Allocation;

namespace SupplyGrains.Contracts.Allocation;

/// <summary>What a planner asks of a run: a product line, a week range, a strategy, caps, preview or commit.</summary>
[GenerateSerializer, Immutable, Alias("SupplyGrains.AllocationRunRequest")]
public sealed record AllocationRunRequest(
    [property: Id(0)] string ProductLine,
    [property: Id(1)] IsoWeek FromWeek,
    [property: Id(2)] IsoWeek ToWeek,
    [property: Id(3)] AllocationStrategy Strategy = AllocationStrategy.FairShare,
    [property: Id(4)] RunMode Mode = RunMode.Preview,
    [property: Id(5)] AllocationCaps? Caps = null) : IValidatableObject
{
    /// <summary>Longest run accepted: two years of weeks keeps a run's result a readable size.</summary>
    public const int MaxWeeks = 104;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!EntityId.IsValid(ProductLine)) yield return new($"must be a product line id ({EntityId.Rule})", [nameof(ProductLine)]);
        if (ToWeek < FromWeek) yield return new("must not be before fromWeek", [nameof(ToWeek)]);
        else if (ToWeek.WeeksSince(FromWeek) >= MaxWeeks) yield return new($"a run covers at most {MaxWeeks} weeks", [nameof(ToWeek)]);
        if (!Enum.IsDefined(Strategy)) yield return new("unknown strategy", [nameof(Strategy)]);
        if (!Enum.IsDefined(Mode)) yield return new("must be Preview or Commit", [nameof(Mode)]);
        if (Caps?.MaxCustomerShare is { } share && share is <= 0 or > 1)
            yield return new("must be in (0, 1]", [$"{nameof(Caps)}.{nameof(Caps.MaxCustomerShare)}"]);
        if (Caps?.CountryQuota is { } quota)
        {
            foreach (var (country, units) in quota)
            {
                if (!CountryCode.IsValid(country)) yield return new(CountryCode.Rule, [$"{nameof(Caps)}.{nameof(Caps.CountryQuota)}.{country}"]);
                if (units < 0) yield return new("must not be negative", [$"{nameof(Caps)}.{nameof(Caps.CountryQuota)}.{country}"]);
            }
        }
        if (Caps?.DestinationRatio is { } ratios)
        {
            for (var i = 0; i < ratios.Count; i++)
            {
                var r = ratios[i];
                var field = $"{nameof(Caps)}.{nameof(Caps.DestinationRatio)}[{i}]";
                if (r is null || !CountryCode.IsValid(r.Destination) || !CountryCode.IsValid(r.RelativeTo))
                    yield return new("destination and relativeTo must be ISO 3166 alpha-2 codes", [field]);
                else if (r.MaxRatio < 0) yield return new("maxRatio must not be negative", [field]);
            }
        }
    }
}
