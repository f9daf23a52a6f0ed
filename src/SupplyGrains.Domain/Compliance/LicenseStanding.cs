namespace SupplyGrains.Domain.Compliance;

/// <summary>A licence as the gates and the allocation see it now: what it covers, what is left, until when.</summary>
[GenerateSerializer, Immutable, Alias("SupplyGrains.LicenseStanding")]
public sealed record LicenseStanding(
    [property: Id(0)] string LicenseId,
    [property: Id(1)] IReadOnlyList<string> ProductLines,
    [property: Id(2)] int Remaining,
    [property: Id(3)] DateOnly Expires)
{
    public bool Covers(string productLine) => ProductLines.Contains(productLine);

    public bool IsExpiredOn(DateOnly day) => Expires < day;
}
