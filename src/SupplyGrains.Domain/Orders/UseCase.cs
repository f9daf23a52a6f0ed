namespace SupplyGrains.Domain.Orders;

/// <summary>What the buyer says the accelerators are for; import rules deny some use cases per product line.</summary>
public enum UseCase
{
    Training,
    Inference,
    Research,
}
