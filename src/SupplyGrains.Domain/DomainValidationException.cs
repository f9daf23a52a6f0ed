namespace SupplyGrains.Domain;

/// <summary>Input that breaks a domain rule; the API turns it into a 400 problem naming each field.</summary>
[GenerateSerializer, Alias("SupplyGrains.DomainValidationException")]
public sealed class DomainValidationException : Exception
{
    public DomainValidationException(string field, string message)
        : this(new Dictionary<string, string[]> { [field] = [message] })
    {
    }

    public DomainValidationException(IReadOnlyDictionary<string, string[]> errors)
        : base(string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")))
    {
        Errors = errors.ToDictionary();
    }

    [Id(0)] public Dictionary<string, string[]> Errors { get; set; }
}
