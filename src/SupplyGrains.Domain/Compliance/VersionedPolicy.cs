namespace SupplyGrains.Domain.Compliance;

/// <summary>A published policy document with its version number.</summary>
[GenerateSerializer, Immutable, Alias("SupplyGrains.VersionedPolicy")]
public sealed record VersionedPolicy(
    [property: Id(0)] int Version,
    [property: Id(1)] PolicyDocument Document,
    [property: Id(2)] DateTimeOffset PublishedAt,
    [property: Id(3)] string PublishedBy);
