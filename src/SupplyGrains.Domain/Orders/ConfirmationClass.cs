namespace SupplyGrains.Domain.Orders;

/// <summary>How strongly an order's committed confirmations are protected when supply drops (after SAP's backorder processing), strongest first.</summary>
public enum ConfirmationClass
{
    Win,
    Gain,
    Redistribute,
    Fill,
    Lose,
}
