namespace SupplyGrains.Domain.Compliance;

/// <summary>An entry of the denied-party list, with the other names it trades under.</summary>
[GenerateSerializer, Immutable, Alias("SupplyGrains.DeniedParty")]
public sealed record DeniedParty(
    [property: Id(0)] string Name,
    [property: Id(1)] IReadOnlyList<string> Aliases);
