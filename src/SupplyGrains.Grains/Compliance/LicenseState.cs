using SupplyGrains.Domain.Compliance;

namespace SupplyGrains.Grains.Compliance;

/// <summary>
/// A licence's stored state: its terms, who recorded it, the re-evaluation its latest change started (see
/// <see cref="Contracts.Compliance.LicenseView"/>), and the draws and returns by entry id (counted once).
/// </summary>
[GenerateSerializer, Alias("SupplyGrains.LicenseState")]
public sealed class LicenseState
{
    [Id(0)] public LicenseTerms? Terms { get; set; }
    [Id(1)] public string RecordedBy { get; set; } = "";
    [Id(2)] public DateTimeOffset RecordedAt { get; set; }
    [Id(3)] public Dictionary<string, int> Draws { get; set; } = [];
    [Id(4)] public Dictionary<string, int> Returns { get; set; } = [];
    [Id(5)] public string? Reevaluation { get; set; }

    public int Remaining => (Terms?.Quantity ?? 0) - Draws.Values.Sum() + Returns.Values.Sum();
}
