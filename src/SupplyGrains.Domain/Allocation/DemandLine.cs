using SupplyGrains.Domain.Orders;

namespace SupplyGrains.Domain.Allocation;

/// <summary>
/// An approved order as the allocation engine sees it: who (customer, tier, weight, past purchases), what is still
/// wanted from which week, where it goes, which licence caps it, and its place in the queue (submission time, id).
/// </summary>
[GenerateSerializer, Immutable, Alias("SupplyGrains.DemandLine")]
public sealed record DemandLine(
    [property: Id(0)] string OrderId,
    [property: Id(1)] string CustomerId,
    [property: Id(2)] int Tier,
    [property: Id(3)] decimal Weight,
    [property: Id(4)] long PastPurchases,
    [property: Id(5)] IsoWeek RequestedWeek,
    [property: Id(6)] DateTimeOffset SubmittedAt,
    [property: Id(7)] int Remaining,
    [property: Id(8)] string Destination,
    [property: Id(9)] string? LicenseId,
    [property: Id(10)] ConfirmationClass ConfirmationClass = ConfirmationClass.Redistribute);
