using System.ComponentModel.DataAnnotations;

namespace SupplyGrains.Domain;

/// <summary>
/// Runs DataAnnotations validation (the records' <see cref="IValidatableObject"/> rules) and throws one
/// <see cref="DomainValidationException"/> with every failing field. Grains call it, so Orleans clients get
/// the same checks as HTTP callers.
/// </summary>
public static class DomainValidation
{
    public static T Require<T>(T? value, string field) where T : class
    {
        if (value is null) throw new DomainValidationException(field, "is required");
        var results = new List<ValidationResult>();
        if (Validator.TryValidateObject(value, new ValidationContext(value), results, validateAllProperties: true))
            return value;
        var errors = results
            .SelectMany(r => (r.MemberNames.Any() ? r.MemberNames : [field]).Select(m => (Member: m, r.ErrorMessage)))
            .GroupBy(e => e.Member, e => e.ErrorMessage ?? "is invalid")
            .ToDictionary(g => g.Key, g => g.ToArray());
        throw new DomainValidationException(errors);
    }

    /// <summary>Prefixes the member names of a nested object's results, e.g. <c>Loads[0].Priority</c>.</summary>
    public static IEnumerable<ValidationResult> Nested(string prefix, IValidatableObject child) =>
        child.Validate(new ValidationContext(child))
            .Select(r => new ValidationResult(r.ErrorMessage, r.MemberNames.Select(m => $"{prefix}.{m}")));
}
