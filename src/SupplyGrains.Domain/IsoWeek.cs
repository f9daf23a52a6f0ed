using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace SupplyGrains.Domain;

/// <summary>An ISO-8601 week, written <c>YYYY-Www</c> (<c>2026-W05</c>): the bucket of all supply and demand.</summary>
/// <param name="Ordinal">Weeks counted from the Monday of 0001-W01, so that arithmetic and ordering are integer operations.</param>
[GenerateSerializer, Immutable, Alias("SupplyGrains.IsoWeek")]
[JsonConverter(typeof(IsoWeekJsonConverter))]
public readonly partial record struct IsoWeek(int Ordinal) : IComparable<IsoWeek>
{
    public static IsoWeek Of(int year, int week)
    {
        if (!Exists(year, week))
            throw new ArgumentOutOfRangeException(nameof(week), $"{year}-W{week:00} is not an ISO week.");
        return FromMonday(ISOWeek.ToDateTime(year, week, DayOfWeek.Monday));
    }

    /// <summary>Whether <paramref name="year"/>-W<paramref name="week"/> is a week this type holds (years 1 to 9998).</summary>
    private static bool Exists(int year, int week) => year is >= 1 and <= 9998 && week >= 1 && week <= ISOWeek.GetWeeksInYear(year);

    public static IsoWeek Containing(DateOnly date) =>
        Of(ISOWeek.GetYear(date.ToDateTime(TimeOnly.MinValue)), ISOWeek.GetWeekOfYear(date.ToDateTime(TimeOnly.MinValue)));

    public static IsoWeek Containing(DateTimeOffset instant) => Containing(DateOnly.FromDateTime(instant.UtcDateTime));

    public int Year => ISOWeek.GetYear(Monday.ToDateTime(TimeOnly.MinValue));

    public int Week => ISOWeek.GetWeekOfYear(Monday.ToDateTime(TimeOnly.MinValue));

    public DateOnly Monday => DateOnly.MinValue.AddDays(Ordinal * 7);

    public IsoWeek AddWeeks(int weeks) => new(Ordinal + weeks);

    /// <summary>Whole weeks from <paramref name="earlier"/> to this week (negative when this week is earlier).</summary>
    public int WeeksSince(IsoWeek earlier) => Ordinal - earlier.Ordinal;

    /// <summary>Every week from <paramref name="from"/> to <paramref name="to"/>, both included.</summary>
    public static IEnumerable<IsoWeek> Range(IsoWeek from, IsoWeek to)
    {
        for (var w = from.Ordinal; w <= to.Ordinal; w++) yield return new IsoWeek(w);
    }

    public static IsoWeek Parse(string text) =>
        TryParse(text, out var week) ? week : throw new FormatException($"'{text}' is not an ISO week; write YYYY-Www, e.g. 2026-W05.");

    public static bool TryParse(string? text, out IsoWeek week)
    {
        week = default;
        if (text is null) return false;
        var match = Pattern().Match(text);
        if (!match.Success) return false;
        var year = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var number = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        if (!Exists(year, number)) return false;
        week = Of(year, number);
        return true;
    }

    public int CompareTo(IsoWeek other) => Ordinal.CompareTo(other.Ordinal);

    public static bool operator <(IsoWeek a, IsoWeek b) => a.Ordinal < b.Ordinal;
    public static bool operator >(IsoWeek a, IsoWeek b) => a.Ordinal > b.Ordinal;
    public static bool operator <=(IsoWeek a, IsoWeek b) => a.Ordinal <= b.Ordinal;
    public static bool operator >=(IsoWeek a, IsoWeek b) => a.Ordinal >= b.Ordinal;

    public static IsoWeek Max(IsoWeek a, IsoWeek b) => a >= b ? a : b;
    public static IsoWeek Min(IsoWeek a, IsoWeek b) => a <= b ? a : b;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year:0000}-W{Week:00}");

    private static IsoWeek FromMonday(DateTime monday) => new(DateOnly.FromDateTime(monday).DayNumber / 7);

    [GeneratedRegex(@"^(\d{4})-W(\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}

/// <summary>Reads and writes <see cref="IsoWeek"/> as its <c>YYYY-Www</c> text; anything else is a JSON error naming the field.</summary>
public sealed class IsoWeekJsonConverter : JsonConverter<IsoWeek>
{
    public override IsoWeek Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        return IsoWeek.TryParse(text, out var week)
            ? week
            : throw new JsonException($"'{text}' is not an ISO week; write YYYY-Www, e.g. 2026-W05.");
    }

    public override void Write(Utf8JsonWriter writer, IsoWeek value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
