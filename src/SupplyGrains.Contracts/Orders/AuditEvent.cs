namespace SupplyGrains.Contracts.Orders;

/// <summary>One entry of an order's append-only audit trail: what happened, who did it, when.</summary>
[GenerateSerializer, Immutable, Alias("SupplyGrains.AuditEvent")]
public sealed record AuditEvent(DateTimeOffset At, string By, string Kind, string Detail);
