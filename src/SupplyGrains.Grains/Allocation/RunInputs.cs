using System.IO.Hashing;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using SupplyGrains.Domain.Allocation;
using SupplyGrains.Domain.Allocation.Reallocation;

namespace SupplyGrains.Grains.Allocation;

/// <summary>
/// The exact inputs of a run — the engine's problem and, when supply dropped, the re-allocation plan that comes before
/// it — and their fingerprint: a preview may be committed only while it is unchanged.
/// </summary>
internal sealed record RunInputs(AllocationProblem Problem, ReallocationPlan? Reallocation)
{
    /// <summary>
    /// Worked out on the thread pool from the moment the inputs exist, so that a run can hash them while the engine
    /// runs (it reads nothing but the inputs, which nobody changes).
    /// </summary>
    public Task<string> Fingerprint { get; } = Task.Run(() => FingerprintOf(Problem, Reallocation));

    // A binary encoding straight into the hash rather than JSON: at 100k orders JSON alone took longer than the run.
    // Canonical order everywhere, so the same inputs give the same fingerprint whatever order they arrived in.
    private static string FingerprintOf(AllocationProblem p, ReallocationPlan? plan)
    {
        using var buffer = new MemoryStream();
        using (var w = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            w.Write(p.FromWeek.ToString());
            w.Write(p.ToWeek.ToString());
            w.Write(p.LotSize);
            w.Write((int)p.Strategy);
            foreach (var (week, units) in p.ReleasedSupply.OrderBy(s => s.Key))
            {
                w.Write(week.ToString());
                w.Write(units);
            }
            w.Write(p.Demand.Count);
            var demand = DemandDigest(p.Demand);
            w.Write((ulong)(demand >> 64));
            w.Write((ulong)demand);
            foreach (var (license, remaining) in p.LicenseRemaining.OrderBy(l => l.Key, StringComparer.Ordinal))
            {
                w.Write(license);
                w.Write(remaining);
            }
            w.Write(p.Caps.MaxCustomerShare?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "");
            foreach (var (country, quota) in (p.Caps.CountryQuota ?? new Dictionary<string, int>()).OrderBy(q => q.Key, StringComparer.Ordinal))
            {
                w.Write(country);
                w.Write(quota);
            }
            foreach (var ratio in p.Caps.DestinationRatio ?? [])
            {
                w.Write(ratio.Destination);
                w.Write(ratio.RelativeTo);
                w.Write(ratio.MaxRatio);
                // Written only when present, so the fingerprints of runs without a grouped ratio stay what they were.
                if (ratio.Together is not { Count: > 0 } together) continue;
                w.Write("together");
                w.Write(together.Count);
                foreach (var country in together.Order(StringComparer.Ordinal)) w.Write(country);
            }
            // The plan is derived from the confirmations held, which the problem above reflects only in sum.
            foreach (var t in plan?.Takebacks ?? [])
            {
                w.Write(t.OrderId);
                w.Write(t.Week.ToString());
                w.Write(t.RunId);
                w.Write(t.Quantity);
            }
            foreach (var r in plan?.Reservations ?? [])
            {
                w.Write(r.OrderId);
                w.Write(r.Week.ToString());
                w.Write(r.Reserved);
            }
        }
        return Convert.ToHexStringLower(SHA256.HashData(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)))[..16];
    }

    /// <summary>
    /// The demand lines hashed one by one and the hashes summed: the same lines in any order give the same digest,
    /// without sorting 100k order ids first (which took most of a run's preparation). Each line is laid out in one
    /// buffer and hashed in one call.
    /// </summary>
    private static UInt128 DemandDigest(IReadOnlyList<DemandLine> demand)
    {
        var buffer = new byte[256];
        Span<int> weight = stackalloc int[4];
        UInt128 sum = 0;
        foreach (var d in demand)
        {
            var licence = d.LicenseId ?? "";
            var size = 2 * (d.OrderId.Length + d.CustomerId.Length + d.Destination.Length + licence.Length) + 80;
            if (size > buffer.Length) buffer = new byte[size * 2];
            var line = buffer.AsSpan();
            var at = 0;
            Text(line, ref at, d.OrderId);
            Text(line, ref at, d.CustomerId);
            Text(line, ref at, d.Destination);
            Text(line, ref at, licence);
            decimal.GetBits(d.Weight, weight);
            MemoryMarshal.AsBytes(weight).CopyTo(line[at..]);
            at += 16;
            Number(line, ref at, d.Tier);
            Number(line, ref at, d.PastPurchases);
            Number(line, ref at, d.RequestedWeek.Ordinal);
            Number(line, ref at, d.SubmittedAt.UtcTicks);
            Number(line, ref at, d.Remaining);
            Number(line, ref at, (int)d.ConfirmationClass);
            sum += XxHash128.HashToUInt128(line[..at]);
        }
        return sum;
    }

    // Length first, so that ("ab", "c") and ("a", "bc") differ.
    private static void Text(Span<byte> line, ref int at, string text)
    {
        Number(line, ref at, text.Length);
        MemoryMarshal.AsBytes(text.AsSpan()).CopyTo(line[at..]);
        at += 2 * text.Length;
    }

    private static void Number<T>(Span<byte> line, ref int at, T value) where T : unmanaged
    {
        MemoryMarshal.Write(line[at..], in value);
        at += Unsafe.SizeOf<T>();
    }
}
