using System.Collections.Frozen;

namespace SupplyGrains.Domain;

/// <summary>
/// An enum value's name without boxing: <c>ToString()</c> on an enum boxes it, and the gates and their metric labels
/// name several enums for every order.
/// </summary>
public static class EnumNames<T> where T : struct, Enum
{
    private static readonly FrozenDictionary<T, string> ByValue = Enum.GetValues<T>().ToFrozenDictionary(v => v, v => v.ToString());

    /// <summary>The name <c>ToString()</c> gives, looked up for a defined value.</summary>
    public static string Of(T value) => ByValue.TryGetValue(value, out var name) ? name : value.ToString();
}
