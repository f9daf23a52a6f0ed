using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Reflection;

namespace SupplyGrains.Domain;

/// <summary>
/// Runs DataAnnotations validation (the records' <see cref="IValidatableObject"/> rules) and throws one
/// <see cref="DomainValidationException"/> with every failing field. Grains call it, so Orleans clients get
/// the same checks as HTTP callers.
/// </summary>
public static class DomainValidation
{
    // Types whose every rule is in IValidatableObject.Validate (no validation attribute on the type or its properties).
    // For them Validator.TryValidateObject would only walk the properties through TypeDescriptor before calling Validate:
    // 1.8 % of the silo's CPU per order on the intake path (bench/README.md §5). Its answer is the same without the walk.
    private static readonly ConcurrentDictionary<Type, bool> SelfValidatedOnly = new();

    public static T Require<T>(T? value, string field) where T : class
    {
        if (value is null) throw new DomainValidationException(field, "is required");
        var results = new List<ValidationResult>();
        var valid = value is IValidatableObject validatable && SelfValidatedOnly.GetOrAdd(value.GetType(), HasNoValidationAttributes)
            ? AddAll(validatable.Validate(new ValidationContext(value)), results)
            : Validator.TryValidateObject(value, new ValidationContext(value), results, validateAllProperties: true);
        if (valid) return value;
        var errors = results
            .SelectMany(r => (r.MemberNames.Any() ? r.MemberNames : [field]).Select(m => (Member: m, r.ErrorMessage)))
            .GroupBy(e => e.Member, e => e.ErrorMessage ?? "is invalid")
            .ToDictionary(g => g.Key, g => g.ToArray());
        throw new DomainValidationException(errors);
    }

    private static bool AddAll(IEnumerable<ValidationResult> found, List<ValidationResult> results)
    {
        foreach (var result in found)
        {
            if (result != ValidationResult.Success) results.Add(result);
        }
        return results.Count == 0;
    }

    private static bool HasNoValidationAttributes(Type type) =>
        !type.IsDefined(typeof(ValidationAttribute), inherit: true)
        && !type.IsDefined(typeof(MetadataTypeAttribute), inherit: true)
        && type.GetProperties(BindingFlags.Public | BindingFlags.Instance).All(p => !p.IsDefined(typeof(ValidationAttribute), inherit: true));

    /// <summary>Prefixes the member names of a nested object's results, e.g. <c>Loads[0].Priority</c>.</summary>
    public static IEnumerable<ValidationResult> Nested(string prefix, IValidatableObject child) =>
        child.Validate(new ValidationContext(child))
            .Select(r => new ValidationResult(r.ErrorMessage, r.MemberNames.Select(m => $"{prefix}.{m}")));
}
