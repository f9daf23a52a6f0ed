using SupplyGrains.Domain.Compliance;

namespace SupplyGrains.Contracts.Compliance;

/// <summary>The answer to a publication: the version as stored, whether it is in force now, and the re-evaluation it started.</summary>
[GenerateSerializer, Immutable, Alias("SupplyGrains.PolicyPublication")]
public sealed record PolicyPublication(
    [property: Id(0)] VersionedPolicy Policy,
    [property: Id(1)] bool Created,
    [property: Id(2)] int CurrentVersion,
    [property: Id(3)] string? ReevaluationId);
