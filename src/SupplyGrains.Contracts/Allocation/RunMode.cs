namespace SupplyGrains.Contracts.Allocation;

/// <summary>A preview changes nothing but its own record; a commit confirms units on orders.</summary>
public enum RunMode
{
    Preview,
    Commit,
}
