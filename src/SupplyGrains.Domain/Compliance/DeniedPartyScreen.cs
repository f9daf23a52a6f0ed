using F23.StringSimilarity;

namespace SupplyGrains.Domain.Compliance;

/// <summary>
/// Screens names against the denied-party list: an exact match after <see cref="PartyName.Normalize"/> is a hit;
/// a Jaro-Winkler similarity at or above the policy's threshold (on the names and on their sorted tokens) is a possible hit.
/// </summary>
public static class DeniedPartyScreen
{
    private static readonly JaroWinkler Similarity = new();

    public static ScreeningHit? Screen(IEnumerable<string> names, IReadOnlyList<DeniedParty> deniedParties, decimal fuzzyThreshold)
    {
        ScreeningHit? best = null;
        foreach (var name in names)
        {
            var candidate = PartyName.Normalize(name);
            if (candidate.Length == 0) continue;
            foreach (var party in deniedParties)
            {
                foreach (var listed in party.Aliases.Prepend(party.Name))
                {
                    var entry = PartyName.Normalize(listed);
                    if (entry.Length == 0) continue;
                    var score = candidate == entry ? 1m : Score(candidate, entry);
                    if (score < fuzzyThreshold && score < 1m) continue;
                    if (best is null || score > best.Score)
                        best = new ScreeningHit(name, party.Name, listed, score);
                }
            }
        }
        return best;
    }

    private static decimal Score(string a, string b)
    {
        var direct = Similarity.Similarity(a, b);
        var sorted = Similarity.Similarity(SortTokens(a), SortTokens(b));
        return Math.Round((decimal)Math.Max(direct, sorted), 4);
    }

    private static string SortTokens(string text) => string.Join(' ', text.Split(' ').Order(StringComparer.Ordinal));
}

/// <summary>A screened name that matched a denied-party entry, with the similarity (1 is exact).</summary>
public sealed record ScreeningHit(string ScreenedName, string DeniedParty, string MatchedName, decimal Score)
{
    public bool IsExact => Score >= 1m;
}
