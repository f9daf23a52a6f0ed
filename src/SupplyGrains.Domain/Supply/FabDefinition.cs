using System.ComponentModel.DataAnnotations;

namespace SupplyGrains.Domain.Supply;

/// <summary>
/// A fab: where it is, how many wafers it can start per week (changing over time, stopped by planned downtime),
/// and the product loads it runs.
/// </summary>
[GenerateSerializer, Immutable, Alias("SupplyGrains.FabDefinition")]
public sealed record FabDefinition(
    string Name,
    string Country,
    int WaferStartsPerWeek,
    IReadOnlyList<ProductLoad> Loads,
    IReadOnlyList<CapacityChange>? CapacityChanges = null,
    IReadOnlyList<PlannedDowntime>? Downtime = null) : IValidatableObject
{
    public IEnumerable<string> ProductLines => Loads.Select(l => l.ProductLine).Distinct(StringComparer.Ordinal);

    /// <summary>
    /// The wafers the fab can start in <paramref name="week"/>: none during planned downtime, else the latest capacity
    /// change at or before the week, else <see cref="WaferStartsPerWeek"/>.
    /// </summary>
    public int CapacityIn(IsoWeek week)
    {
        if (Downtime?.Any(d => d.Covers(week)) == true) return 0;
        var change = CapacityChanges?.Where(c => c.FromWeek <= week).MaxBy(c => c.FromWeek);
        return change?.WafersPerWeek ?? WaferStartsPerWeek;
    }

    /// <summary>The fab with a capacity change added; a change from a week already changed replaces it (a correction, not a second change).</summary>
    public FabDefinition WithCapacityChange(CapacityChange change) => this with
    {
        CapacityChanges = [.. (CapacityChanges ?? []).Where(c => c.FromWeek != change.FromWeek).Append(change).OrderBy(c => c.FromWeek)],
    };

    /// <summary>The fab with a downtime planned; the same downtime twice is planned once (a retried request).</summary>
    public FabDefinition WithDowntime(PlannedDowntime downtime) => (Downtime ?? []).Contains(downtime) ? this : this with
    {
        Downtime = [.. (Downtime ?? []).Append(downtime).OrderBy(d => d.FromWeek).ThenBy(d => d.ToWeek)],
    };

    /// <summary>The fab without the capacity change from <paramref name="fromWeek"/>; the same fab when it has none.</summary>
    public FabDefinition WithoutCapacityChange(IsoWeek fromWeek) => CapacityChanges?.Any(c => c.FromWeek == fromWeek) == true
        ? this with { CapacityChanges = [.. CapacityChanges.Where(c => c.FromWeek != fromWeek)] }
        : this;

    /// <summary>The fab without the downtime from <paramref name="fromWeek"/> to <paramref name="toWeek"/>; the same fab when it has none.</summary>
    public FabDefinition WithoutDowntime(IsoWeek fromWeek, IsoWeek toWeek) => Downtime?.Any(d => d.FromWeek == fromWeek && d.ToWeek == toWeek) == true
        ? this with { Downtime = [.. Downtime.Where(d => d.FromWeek != fromWeek || d.ToWeek != toWeek)] }
        : this;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(Name)) yield return new("must not be empty", [nameof(Name)]);
        if (!CountryCode.IsValid(Country)) yield return new(CountryCode.Rule, [nameof(Country)]);
        if (WaferStartsPerWeek < 0) yield return new("must not be negative", [nameof(WaferStartsPerWeek)]);
        if (Loads is null) yield return new("is required", [nameof(Loads)]);
        foreach (var error in Each(nameof(Loads), Loads)) yield return error;
        foreach (var error in Each(nameof(CapacityChanges), CapacityChanges)) yield return error;
        foreach (var error in Each(nameof(Downtime), Downtime)) yield return error;
        if (CapacityChanges is not null)
        {
            // Two changes from the same week would leave that week's capacity ambiguous.
            var seen = new HashSet<IsoWeek>();
            for (var i = 0; i < CapacityChanges.Count; i++)
            {
                if (CapacityChanges[i] is { } change && !seen.Add(change.FromWeek))
                    yield return new($"repeats the week {change.FromWeek}", [$"{nameof(CapacityChanges)}[{i}].{nameof(CapacityChange.FromWeek)}"]);
            }
        }
    }

    private static IEnumerable<ValidationResult> Each<T>(string field, IReadOnlyList<T>? items) where T : class, IValidatableObject
    {
        if (items is null) yield break;
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is null) { yield return new("is required", [$"{field}[{i}]"]); continue; }
            foreach (var error in DomainValidation.Nested($"{field}[{i}]", items[i])) yield return error;
        }
    }
}
