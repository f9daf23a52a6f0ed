namespace SupplyGrains.Domain.Orders;

/// <summary>Units of an order confirmed for a week by a committed allocation run, and the licence they were drawn on.</summary>
[GenerateSerializer, Immutable, Alias("SupplyGrains.Confirmation")]
public sealed record Confirmation(
    IsoWeek Week,
    int Quantity,
    string RunId,
    string? LicenseId = null);
