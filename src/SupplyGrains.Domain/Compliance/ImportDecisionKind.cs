namespace SupplyGrains.Domain.Compliance;

/// <summary>What the importing authority decided on a purchase.</summary>
public enum ImportDecisionKind
{
    Approved,
    Denied,
}
