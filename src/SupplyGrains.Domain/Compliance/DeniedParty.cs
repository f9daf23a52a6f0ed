namespace SupplyGrains.Domain.Compliance;

/// <summary>An entry of the denied-party list, with the other names it trades under.</summary>
[GenerateSerializer, Immutable, Alias("SupplyGrains.DeniedParty")]
public sealed record DeniedParty(
    string Name,
    IReadOnlyList<string> Aliases);
