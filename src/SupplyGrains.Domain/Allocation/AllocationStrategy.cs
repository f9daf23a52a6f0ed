namespace SupplyGrains.Domain.Allocation;

/// <summary>How a week's supply is shared among the customers of one tier (tiers are always served in order).</summary>
public enum AllocationStrategy
{
    /// <summary>Weighted max-min fair (progressive filling by customer weight) subject to every cap.</summary>
    FairShare,

    /// <summary>Proportional to remaining demand.</summary>
    ProRata,

    /// <summary>Proportional to past purchases ("turn-and-earn"), capped by demand, the excess redistributed.</summary>
    PastSales,

    /// <summary>Strictly by tier, requested week, submission time.</summary>
    Fifo,
}
