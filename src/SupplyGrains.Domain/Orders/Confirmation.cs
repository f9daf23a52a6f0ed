namespace SupplyGrains.Domain.Orders;

/// <summary>Units of an order confirmed for a week by a committed allocation run.</summary>
[GenerateSerializer, Immutable, Alias("SupplyGrains.Confirmation")]
public sealed record Confirmation(
    [property: Id(0)] IsoWeek Week,
    [property: Id(1)] int Quantity,
    [property: Id(2)] string RunId);
