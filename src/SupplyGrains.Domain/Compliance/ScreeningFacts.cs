using System.Security.Cryptography;
using System.Text;

namespace SupplyGrains.Domain.Compliance;

/// <summary>
/// What the screening gate records of the denied-party list among its facts: a digest of the list's names. A person's
/// resolution of a screening hold lapses when the list changes, and an order's facts are stored with it and with every
/// resolution, so carrying the names themselves made each order as large as the list (a real one runs to thousands of
/// names). Orders decided before kept the names; <see cref="Current"/> reads them as the digest they stand for.
/// </summary>
public static class ScreeningFacts
{
    private const string DigestPrefix = "sha256:";

    /// <summary>Between the fields of every gate's facts (<see cref="GateEvaluator"/> joins them).</summary>
    internal const char Separator = '\u001f';

    // The screening facts' fields, in the order GateEvaluator gives them: buyer name, aliases, end user, entity type,
    // the list, the threshold.
    private const int ListField = 4;

    /// <summary>The digest the screening facts carry for a list whose names, joined by '|', are <paramref name="joinedNames"/>.</summary>
    public static string ListDigest(string joinedNames) =>
        DigestPrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(joinedNames)));

    /// <summary>A gate's facts as the gates state them now: screening facts that name the list itself get its digest instead.</summary>
    /// <remarks>Runs on every re-decision, so facts already in the current form are only looked at, not split.</remarks>
    public static string Current(Gate gate, string facts)
    {
        if (gate != Gate.EndUserScreening) return facts;
        var start = 0;
        for (var field = 0; field < ListField; field++)
        {
            start = facts.IndexOf(Separator, start) + 1;
            if (start == 0) return facts;
        }
        if (facts.AsSpan(start).StartsWith(DigestPrefix, StringComparison.Ordinal)) return facts;
        var end = facts.IndexOf(Separator, start);
        if (end < 0) end = facts.Length;
        return string.Concat(facts.AsSpan(0, start), ListDigest(facts[start..end]), facts.AsSpan(end));
    }
}
