using System.Text.RegularExpressions;

namespace SupplyGrains.Domain;

/// <summary>The id rule every product line, fab, customer, order, licence and run shares: <c>[a-z0-9][a-z0-9-]{0,63}</c>.</summary>
public static partial class EntityId
{
    public const string Rule = "[a-z0-9][a-z0-9-]{0,63}";

    public static bool IsValid(string? id) => id is not null && Pattern().IsMatch(id);

    /// <summary>Throws a <see cref="DomainValidationException"/> naming <paramref name="field"/> when the id breaks the rule.</summary>
    public static string Require(string? id, string field) =>
        IsValid(id) ? id! : throw new DomainValidationException(field, $"'{id}' is not a valid id: use {Rule}.");

    [GeneratedRegex("^" + Rule + "$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
