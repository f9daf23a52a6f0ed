namespace SupplyGrains.Grains.Orders;

/// <summary>The buyer's standing in allocation as of the last decision: tier, fair-share weight, past purchases.</summary>
[GenerateSerializer, Immutable, Alias("SupplyGrains.BuyerRanking")]
public sealed record BuyerRanking(int Tier, decimal Weight, long PastPurchases);
