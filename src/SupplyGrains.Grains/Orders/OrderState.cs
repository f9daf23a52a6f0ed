using SupplyGrains.Contracts.Compliance;
using SupplyGrains.Domain.Compliance;
using SupplyGrains.Contracts.Orders;
using SupplyGrains.Domain.Orders;

namespace SupplyGrains.Grains.Orders;

/// <summary>An order's stored state: the request, the latest gate decisions, the people's resolutions and the audit trail.</summary>
[GenerateSerializer, Alias("SupplyGrains.OrderState")]
public sealed class OrderState
{
    [Id(0)] public OrderRequest? Request { get; set; }
    [Id(1)] public string SubmittedBy { get; set; } = "";
    [Id(2)] public DateTimeOffset SubmittedAt { get; set; }
    [Id(3)] public OrderStatus Status { get; set; }
    [Id(4)] public List<GateDecision> Gates { get; set; } = [];
    [Id(5)] public string? LicenseId { get; set; }
    [Id(6)] public Dictionary<Gate, string> Facts { get; set; } = [];
    [Id(7)] public List<Resolution> Resolutions { get; set; } = [];
    [Id(8)] public List<AuditEvent> Audit { get; set; } = [];
    [Id(9)] public long Revision { get; set; }
    [Id(10)] public BuyerRanking Buyer { get; set; } = new(1, 1m, 0);
    [Id(11)] public LastReevaluation? LastReevaluation { get; set; }
    [Id(12)] public VersionEntered? VersionEntered { get; set; }
}

/// <summary>The latest re-evaluation the order took part in, so a resumed one gets the same answer again.</summary>
[GenerateSerializer, Immutable, Alias("SupplyGrains.LastReevaluation")]
public sealed record LastReevaluation(string Id, OrderImpact Impact);

/// <summary>
/// The order as it stood before its first decision under a policy version other than the one it was decided under
/// until then. Whatever made that decision (the version's own re-evaluation, or a licence recorded or a customer
/// changed once the version was in force), the version's impact report shows the move from here.
/// </summary>
[GenerateSerializer, Immutable, Alias("SupplyGrains.VersionEntered")]
public sealed record VersionEntered(
    [property: Id(0)] int Version, [property: Id(1)] OrderStatus StatusBefore, [property: Id(2)] IReadOnlyList<string> ReasonsBefore);
