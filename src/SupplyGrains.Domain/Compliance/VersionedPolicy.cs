namespace SupplyGrains.Domain.Compliance;

/// <summary>A published policy document with its version number.</summary>
[GenerateSerializer, Immutable, Alias("SupplyGrains.VersionedPolicy")]
public sealed record VersionedPolicy(
    int Version,
    PolicyDocument Document,
    DateTimeOffset PublishedAt,
    string PublishedBy);
