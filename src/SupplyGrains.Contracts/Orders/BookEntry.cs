using SupplyGrains.Domain;
using SupplyGrains.Domain.Orders;

namespace SupplyGrains.Contracts.Orders;

/// <summary>
/// An order as its product line's allocation book keeps it: everything a run and a listing need, so neither ever
/// calls an order grain. The order grain pushes a new entry, with a higher <see cref="Revision"/>, on every change.
/// </summary>
[GenerateSerializer, Immutable, Alias("SupplyGrains.BookEntry")]
public sealed record BookEntry(
    [property: Id(0)] string OrderId,
    [property: Id(1)] string CustomerId,
    [property: Id(2)] int Tier,
    [property: Id(3)] decimal Weight,
    [property: Id(4)] long PastPurchases,
    [property: Id(5)] IsoWeek RequestedWeek,
    [property: Id(6)] DateTimeOffset SubmittedAt,
    [property: Id(7)] int Quantity,
    [property: Id(8)] OrderStatus Status,
    [property: Id(9)] IReadOnlyList<string> Reasons,
    [property: Id(10)] string Destination,
    [property: Id(11)] string? LicenseId,
    [property: Id(12)] ConfirmationClass ConfirmationClass,
    [property: Id(13)] long Revision);
