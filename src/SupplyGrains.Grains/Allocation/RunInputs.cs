using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using SupplyGrains.Domain.Allocation;

namespace SupplyGrains.Grains.Allocation;

/// <summary>The exact inputs of a run, and their fingerprint: a preview may be committed only while it is unchanged.</summary>
internal sealed record RunInputs(AllocationProblem Problem)
{
    public string Fingerprint { get; } = FingerprintOf(Problem);

    private static string FingerprintOf(AllocationProblem p)
    {
        // Canonical order everywhere, so the same inputs give the same fingerprint whatever order they arrived in.
        var canonical = new
        {
            From = p.FromWeek.ToString(),
            To = p.ToWeek.ToString(),
            p.LotSize,
            p.Strategy,
            Supply = p.ReleasedSupply.OrderBy(s => s.Key).Select(s => $"{s.Key}={s.Value}"),
            Demand = p.Demand.OrderBy(d => d.OrderId, StringComparer.Ordinal),
            Licenses = p.LicenseRemaining.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"),
            p.Caps.MaxCustomerShare,
            CountryQuota = p.Caps.CountryQuota?.OrderBy(q => q.Key, StringComparer.Ordinal).Select(q => $"{q.Key}={q.Value}"),
            p.Caps.DestinationRatio,
        };
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(canonical)));
        return Convert.ToHexStringLower(hash)[..16];
    }
}
