using SupplyGrains.Domain.Orders;

namespace SupplyGrains.Cli.Import;

/// <summary>What became of one CSV row: the order and where the gates put it, or why it could not be submitted.</summary>
public sealed record RowOutcome(int Line, string OrderId, string CustomerId, OrderStatus? Status, IReadOnlyList<string> Reasons, string? Error = null, int? ErrorCode = null);
