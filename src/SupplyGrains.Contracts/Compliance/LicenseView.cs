using SupplyGrains.Domain.Compliance;

namespace SupplyGrains.Contracts.Compliance;

/// <summary>
/// A licence as <c>GET /api/licenses/{id}</c> shows it: the terms plus what remains, and the latest re-evaluation of the
/// customer's open orders that a change of the licence started (<c>GET /api/policies/reevaluations/{id}</c>): its
/// recording (null when that recording changed nothing the gates read, so no order needed deciding again), or since
/// then a draw or return that ran it dry or brought it back, or its expiry.
/// </summary>
[GenerateSerializer, Immutable, Alias("SupplyGrains.LicenseView")]
public sealed record LicenseView(
    [property: Id(0)] string Id,
    [property: Id(1)] string CustomerId,
    [property: Id(2)] IReadOnlyList<string> ProductLines,
    [property: Id(3)] int Quantity,
    [property: Id(4)] DateOnly Expires,
    [property: Id(5)] IReadOnlyList<string> Conditions,
    [property: Id(6)] int Remaining,
    [property: Id(7)] string RecordedBy,
    [property: Id(8)] DateTimeOffset RecordedAt,
    [property: Id(9)] string? Reevaluation)
{
    public LicenseStanding Standing => new(Id, ProductLines, Remaining, Expires, RecordedBy, RecordedAt);
}
