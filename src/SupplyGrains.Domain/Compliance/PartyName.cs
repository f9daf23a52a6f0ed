using System.Globalization;
using System.Text;

namespace SupplyGrains.Domain.Compliance;

/// <summary>
/// A party name reduced to what screening compares: case, diacritics, punctuation and legal suffixes
/// (Co., Ltd., GmbH, LLC, 有限公司 ...) removed, so "Beijing ACME Co., Ltd." and "beijing acme" are the same party.
/// Diacritics are dropped, not transliterated: "Düsseldorf" becomes "dusseldorf", so the German spelling
/// "Duesseldorf" stays a different string and is left to the fuzzy score.
/// </summary>
public static class PartyName
{
    private static readonly string[] LegalSuffixes =
    [
        "co", "company", "corp", "corporation", "inc", "incorporated", "ltd", "limited", "llc", "llp", "plc",
        "gmbh", "ag", "sa", "sas", "srl", "spa", "bv", "nv", "kk", "pte", "pty", "oy", "ab", "as",
    ];

    // Words that never tell two parties apart: "The" in front of a name, and "and", which "&" already drops.
    private static readonly string[] NoiseWords = ["the", "and"];

    // Contractions that fuzzy matching scores poorly because they are not prefixes ("natl" vs "national" is 0.80),
    // and the two common prefix abbreviations of institution names, so "Harbin Inst. of Technology" is the listed name.
    private static readonly Dictionary<string, string> Abbreviations = new(StringComparer.Ordinal)
    {
        ["natl"] = "national", ["intl"] = "international", ["univ"] = "university", ["inst"] = "institute",
    };

    // CJK legal forms are written without spaces, so they are stripped as substrings, longest first.
    private static readonly string[] CjkLegalSuffixes = ["股份有限公司", "有限责任公司", "有限公司", "集团", "公司"];

    public static string Normalize(string name)
    {
        var text = name.Trim();
        foreach (var suffix in CjkLegalSuffixes) text = text.Replace(suffix, " ", StringComparison.Ordinal);
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            // Apostrophes join rather than split, so "People's" is one word and not "people" plus a stray initial "s".
            if (category == UnicodeCategory.NonSpacingMark || c is '\'' or '\u2019') continue;
            builder.Append(char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : ' ');
        }
        // Initials are joined before suffixes are dropped, so the dotted forms "S.A.", "L.L.C." and "B.V." go too.
        var tokens = JoinInitials(builder.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(t => !LegalSuffixes.Contains(t) && !NoiseWords.Contains(t))
            .Select(t => Abbreviations.GetValueOrDefault(t, t));
        return string.Join(' ', tokens);
    }

    /// <summary>Runs of single letters are one initialism: "N.U.D.T." and "NUDT" are the same name.</summary>
    private static IEnumerable<string> JoinInitials(IEnumerable<string> tokens)
    {
        var initials = new StringBuilder();
        foreach (var token in tokens)
        {
            if (token.Length == 1) { initials.Append(token); continue; }
            if (initials.Length > 0) { yield return initials.ToString(); initials.Clear(); }
            yield return token;
        }
        if (initials.Length > 0) yield return initials.ToString();
    }
}
