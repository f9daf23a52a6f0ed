using SupplyGrains.Domain;
using SupplyGrains.Domain.Compliance;
using SupplyGrains.Domain.Orders;

namespace SupplyGrains.Contracts.Orders;

/// <summary>An order as <c>GET /api/orders/{id}</c> shows it: request, status, every gate decision, and what allocation confirmed.</summary>
[GenerateSerializer, Immutable, Alias("SupplyGrains.OrderView")]
public sealed record OrderView(
    [property: Id(0)] string Id,
    [property: Id(1)] string CustomerId,
    [property: Id(2)] string ProductLine,
    [property: Id(3)] int Quantity,
    [property: Id(4)] IsoWeek RequestedWeek,
    [property: Id(5)] UseCase UseCase,
    [property: Id(6)] string ShipToCountry,
    [property: Id(7)] EndUser? EndUser,
    [property: Id(8)] ConfirmationClass ConfirmationClass,
    [property: Id(9)] OrderStatus Status,
    [property: Id(10)] IReadOnlyList<GateDecision> Gates,
    [property: Id(11)] int Allocated,
    [property: Id(12)] int Remaining,
    [property: Id(13)] IReadOnlyList<Confirmation> Confirmations,
    [property: Id(14)] DateTimeOffset SubmittedAt,
    [property: Id(15)] string? LicenseId,
    [property: Id(16)] string SubmittedBy);
