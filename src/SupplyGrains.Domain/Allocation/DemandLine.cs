using SupplyGrains.Domain.Orders;

namespace SupplyGrains.Domain.Allocation;

/// <summary>
/// An approved order as the allocation engine sees it: who (customer, tier, weight, past purchases), what is still
/// wanted from which week, where it goes, which licence caps it, and its place in the queue (submission time, id).
/// </summary>
[GenerateSerializer, Immutable, Alias("SupplyGrains.DemandLine")]
public sealed record DemandLine(
    string OrderId,
    string CustomerId,
    int Tier,
    decimal Weight,
    long PastPurchases,
    IsoWeek RequestedWeek,
    DateTimeOffset SubmittedAt,
    int Remaining,
    string Destination,
    string? LicenseId,
    ConfirmationClass ConfirmationClass = ConfirmationClass.Redistribute);
