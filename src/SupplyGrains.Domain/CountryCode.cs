namespace SupplyGrains.Domain;

/// <summary>ISO 3166 alpha-2 country codes, upper case (<c>CN</c>, <c>US</c>, <c>MO</c>).</summary>
public static class CountryCode
{
    public const string Rule = "must be an ISO 3166 alpha-2 code in upper case, e.g. CN";

    public static bool IsValid(string? code) => code is { Length: 2 } && char.IsAsciiLetterUpper(code[0]) && char.IsAsciiLetterUpper(code[1]);
}
