namespace SupplyGrains.Domain.Compliance;

/// <summary>A gate lets an order through, holds it until someone acts, or fails it.</summary>
public enum GateOutcome
{
    Pass,
    Hold,
    Fail,
}
