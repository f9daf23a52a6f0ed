namespace SupplyGrains.Silo.Security;

/// <summary>One configured API key: the principal it stands for, its role, and for the customer role the customer it may read.</summary>
public sealed class ApiKeyEntry
{
    public string Name { get; set; } = "";
    public string Role { get; set; } = "";
    public string? CustomerId { get; set; }
}
