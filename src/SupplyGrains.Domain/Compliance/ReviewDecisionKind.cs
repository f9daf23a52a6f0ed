namespace SupplyGrains.Domain.Compliance;

/// <summary>What a compliance officer decided on a screening or diversion hold.</summary>
public enum ReviewDecisionKind
{
    Clear,
    Deny,
}
