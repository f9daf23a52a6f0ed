using SupplyGrains.Domain.Orders;

namespace SupplyGrains.Domain.Compliance;

/// <summary>
/// The gates' joint answer: the status (Rejected if any gate fails, else OnHold if any holds, else Approved),
/// every gate's decision, the licence that covers the export (if one is needed) and the facts each gate decided on.
/// </summary>
public sealed record ComplianceVerdict(
    OrderStatus Status,
    IReadOnlyList<GateDecision> Decisions,
    string? LicenseId,
    IReadOnlyDictionary<Gate, string> Facts)
{
    /// <summary>Gates whose hold a compliance officer may clear or deny by review.</summary>
    public IEnumerable<Gate> ReviewableHolds => Decisions
        .Where(d => d.Outcome == GateOutcome.Hold && d.Reason is ReasonCodes.PossibleDeniedParty or ReasonCodes.DiversionReview)
        .Select(d => d.Gate);
}
