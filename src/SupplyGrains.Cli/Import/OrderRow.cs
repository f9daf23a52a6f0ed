using SupplyGrains.Domain.Orders;

namespace SupplyGrains.Cli.Import;

/// <summary>A CSV row that reads as an order: its line, the id it asked for (if any) and the request.</summary>
public sealed record OrderRow(int Line, string? Id, OrderRequest Request);
