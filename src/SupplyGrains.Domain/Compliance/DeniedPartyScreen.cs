using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using F23.StringSimilarity;

namespace SupplyGrains.Domain.Compliance;

/// <summary>
/// Screens names against the denied-party list. After <see cref="PartyName.Normalize"/>, the same name (spaces aside)
/// is a hit; a name whose similarity reaches the policy's threshold, or that contains a listed name whole, is a
/// possible hit, scored below 1 so only the same name is ever exact.
/// </summary>
/// <remarks>
/// The similarity is token-based: each word of one name is paired with its most similar word of the other
/// (Jaro-Winkler), weighted by length, in both directions, and the weaker direction counts. So word order does not
/// matter, a typo in one word costs little, and a word that only one name has costs its share of the name.
/// Jaro-Winkler on the whole string, used before, let a long shared start carry the score: "Beijing Academy of
/// Agriculture" scored 0.91 against "Beijing Academy of Artificial Intelligence" and "National University of
/// Singapore" 0.93 against "National University of Defense Technology". Chinese is written without spaces, so each
/// CJK character is a word of its own: "四川师范大学" (Sichuan Normal University) is not a typo of "四川大学".
/// </remarks>
public static class DeniedPartyScreen
{
    private static readonly JaroWinkler Similarity = new();

    // The best score short of exact: a reordered or extended name is a different string, so a person decides.
    private const decimal NearlyExact = 0.9999m;

    // Words less alike than this do not match at all ("harbin"/"hainan" is 0.82, a one-letter typo scores above 0.9,
    // "univ"/"university" 0.88); without a floor every pair of unrelated words would still add half a match.
    private const double WordFloor = 0.85;

    // A listed name found whole inside a screened name ("Sugon" in "Sugon Information Industry", "国防科技大学" in
    // "中国人民解放军国防科技大学") is a possible hit. Shorter listed names, like the initialism "HIT", are ordinary
    // words inside other names, so they only match the whole name.
    private const int MinContainedLength = 4;

    // Screening is most of what re-deciding an order costs (each name against every listed name, word by word), and a
    // re-evaluation screens the same buyers' names again for each of their orders. So each list, as long as it is in
    // use (a published policy's list is one shared instance in the silo), keeps its entries prepared and its answers.
    private static readonly ConditionalWeakTable<IReadOnlyList<DeniedParty>, PreparedList> Prepared = new();

    public static ScreeningHit? Screen(IEnumerable<string> names, IReadOnlyList<DeniedParty> deniedParties, decimal fuzzyThreshold)
    {
        var list = Prepared.GetValue(deniedParties, parties => new PreparedList(parties));
        ScreeningHit? best = null;
        foreach (var name in names)
        {
            var hit = list.Answers.GetOrAdd((name, fuzzyThreshold), key => list.Screen(key.Name, key.Threshold));
            if (hit is not null && (best is null || hit.Score > best.Score)) best = hit;
        }
        return best;
    }

    /// <summary>
    /// The digest of the list's party names that the screening gate records among its facts
    /// (<see cref="ScreeningFacts.ListDigest"/>); computed once per list rather than once per order.
    /// </summary>
    public static string NamesDigest(IReadOnlyList<DeniedParty> deniedParties) =>
        Prepared.GetValue(deniedParties, parties => new PreparedList(parties)).NamesDigest;

    /// <summary>A denied-party list with every listed name normalized once, and the answers given so far.</summary>
    private sealed class PreparedList(IReadOnlyList<DeniedParty> parties)
    {
        public string NamesDigest { get; } = ScreeningFacts.ListDigest(string.Join('|', parties.Select(p => p.Name)));

        private readonly (DeniedParty Party, string Listed, string Entry, string Compact, string[] Words)[] _entries = [.. parties
            .SelectMany(party => party.Aliases.Prepend(party.Name).Select(listed => (Party: party, Listed: listed, Entry: PartyName.Normalize(listed))))
            .Where(e => e.Entry.Length > 0)
            .Select(e => (e.Party, e.Listed, e.Entry, Compact(e.Entry), Words(e.Entry)))];

        public ConcurrentDictionary<(string Name, decimal Threshold), ScreeningHit?> Answers { get; } = new();

        /// <summary>The best match of one name (the first listed name of the best score), or null.</summary>
        public ScreeningHit? Screen(string name, decimal fuzzyThreshold)
        {
            var candidate = PartyName.Normalize(name);
            if (candidate.Length == 0) return null;
            var compact = Compact(candidate);
            var words = Words(candidate);
            ScreeningHit? best = null;
            foreach (var e in _entries)
            {
                // Spaces aside because romanised Chinese splits syllables at will: "Hua Wei" is "Huawei".
                var score = compact == e.Compact ? 1m : Score(candidate, words, e.Entry, e.Words, fuzzyThreshold);
                if (score < fuzzyThreshold && score < 1m) continue;
                if (best is null || score > best.Score)
                    best = new ScreeningHit(name, e.Party.Name, e.Listed, score);
            }
            return best;
        }
    }

    private static decimal Score(string candidate, string[] a, string entry, string[] b, decimal fuzzyThreshold)
    {
        var similarity = Math.Min(Coverage(a, b), Coverage(b, a));
        var score = Math.Min(Math.Round((decimal)similarity, 4), NearlyExact);
        // A contained listed name holds for review even when the rest of the name pulls the similarity down.
        return Contains(candidate, entry) ? Math.Max(score, Math.Min(fuzzyThreshold, NearlyExact)) : score;
    }

    /// <summary>How much of <paramref name="words"/>, by length, has a similar word in <paramref name="other"/>.</summary>
    private static double Coverage(string[] words, string[] other) =>
        words.Sum(w => w.Length * other.Max(o => WordSimilarity(w, o))) / words.Sum(w => w.Length);

    private static double WordSimilarity(string a, string b)
    {
        var similarity = Similarity.Similarity(a, b);
        return similarity >= WordFloor ? similarity : 0;
    }

    private static string[] Words(string name) =>
        name.Split(' ').SelectMany(w => w.Any(IsCjk) ? w.Select(c => c.ToString()) : [w]).ToArray();

    private static bool Contains(string candidate, string entry)
    {
        if (Compact(entry).Length < MinContainedLength) return false;
        return entry.Any(IsCjk)
            ? Compact(candidate).Contains(Compact(entry), StringComparison.Ordinal)
            : $" {candidate} ".Contains($" {entry} ", StringComparison.Ordinal);
    }

    /// <summary>Kana and CJK ideographs: scripts written without spaces between words (Hangul and Arabic use spaces).</summary>
    private static bool IsCjk(char c) => c is >= '\u3040' and <= '\u9FFF' or >= '\uF900' and <= '\uFAFF';

    private static string Compact(string name) => name.Replace(" ", "", StringComparison.Ordinal);
}

/// <summary>A screened name that matched a denied-party entry, with the similarity (1 is exact).</summary>
public sealed record ScreeningHit(string ScreenedName, string DeniedParty, string MatchedName, decimal Score)
{
    public bool IsExact => Score >= 1m;
}
