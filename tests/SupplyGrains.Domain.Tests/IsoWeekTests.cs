using System.Text.Json;

namespace SupplyGrains.Domain.Tests;

public class IsoWeekTests
{
    [Theory]
    [InlineData("2026-W05", 2026, 5)]
    [InlineData("2026-W53", 2026, 53)]
    [InlineData("2027-W01", 2027, 1)]
    [InlineData("2020-W53", 2020, 53)]
    public void Parse_ReadsYearAndWeek(string text, int year, int week)
    {
        var parsed = IsoWeek.Parse(text);

        Assert.Equal(year, parsed.Year);
        Assert.Equal(week, parsed.Week);
        Assert.Equal(text, parsed.ToString());
    }

    [Theory]
    [InlineData("2026-W5")]
    [InlineData("2026W05")]
    [InlineData("2026-W00")]
    [InlineData("2027-W53")]
    [InlineData("26-W05")]
    [InlineData("0000-W01")]
    [InlineData("9999-W01")] // a year Of refuses: TryParse must say no, not throw
    [InlineData("2026-05")]
    [InlineData(" 2026-W05")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParse_RejectsAnythingElse(string? text) => Assert.False(IsoWeek.TryParse(text, out _));

    [Fact]
    public void AddWeeks_CrossesYearsByIsoRules()
    {
        Assert.Equal(IsoWeek.Parse("2027-W01"), IsoWeek.Parse("2026-W53").AddWeeks(1));
        Assert.Equal(IsoWeek.Parse("2026-W50"), IsoWeek.Parse("2027-W02").AddWeeks(-5));
        Assert.Equal(5, IsoWeek.Parse("2027-W02").WeeksSince(IsoWeek.Parse("2026-W50")));
    }

    [Fact]
    public void Containing_FindsTheWeekOfADate()
    {
        // 2027-01-01 is a Friday and belongs to 2026-W53; 2026-01-01 (Thursday) to 2026-W01.
        Assert.Equal("2026-W53", IsoWeek.Containing(new DateOnly(2027, 1, 1)).ToString());
        Assert.Equal("2026-W01", IsoWeek.Containing(new DateOnly(2026, 1, 1)).ToString());
    }

    [Fact]
    public void Range_IncludesBothEnds()
    {
        var weeks = IsoWeek.Range(IsoWeek.Parse("2026-W52"), IsoWeek.Parse("2027-W02")).Select(w => w.ToString());

        Assert.Equal(["2026-W52", "2026-W53", "2027-W01", "2027-W02"], weeks);
    }

    [Fact]
    public void Json_RoundTripsAsText_AndRejectsBadWeeksNamingThem()
    {
        Assert.Equal("\"2026-W05\"", JsonSerializer.Serialize(IsoWeek.Parse("2026-W05")));
        Assert.Equal(IsoWeek.Parse("2026-W05"), JsonSerializer.Deserialize<IsoWeek>("\"2026-W05\""));

        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<IsoWeek>("\"2026-5\""));
        Assert.Contains("not an ISO week", error.Message);
    }
}
