namespace SupplyGrains.Domain.Compliance;

/// <summary>A licence as the gates and the allocation see it now: what it covers, what is left, until when, and who recorded it.</summary>
[GenerateSerializer, Immutable, Alias("SupplyGrains.LicenseStanding")]
public sealed record LicenseStanding(
    string LicenseId,
    IReadOnlyList<string> ProductLines,
    int Remaining,
    DateOnly Expires,
    string? RecordedBy = null,
    DateTimeOffset? RecordedAt = null)
{
    public bool Covers(string productLine) => ProductLines.Contains(productLine);

    public bool IsExpiredOn(DateOnly day) => Expires < day;
}
