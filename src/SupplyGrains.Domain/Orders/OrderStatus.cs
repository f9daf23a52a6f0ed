namespace SupplyGrains.Domain.Orders;

/// <summary>
/// Where an order stands. Only <see cref="Approved"/> orders are allocated. <see cref="Cancelled"/> is final;
/// a <see cref="Rejected"/> order is re-decided when the rules change (v1 rejects what v2 may allow).
/// </summary>
public enum OrderStatus
{
    Approved,
    OnHold,
    Rejected,
    Cancelled,
}
