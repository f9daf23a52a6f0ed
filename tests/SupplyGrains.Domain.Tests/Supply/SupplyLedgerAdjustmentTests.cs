using SupplyGrains.Domain.Supply;

namespace SupplyGrains.Domain.Tests.Supply;

/// <summary>The supply ledger with planners' adjustments: every expected figure below is worked out by hand.</summary>
public class SupplyLedgerAdjustmentTests
{
    private static readonly IsoWeek W1 = IsoWeek.Parse("2026-W01");
    private static readonly IsoWeek W2 = W1.AddWeeks(1);
    private static readonly IsoWeek W3 = W1.AddWeeks(2);
    private static readonly IsoWeek W4 = W1.AddWeeks(3);

    private static Dictionary<IsoWeek, int> Weeks(params int[] units) =>
        units.Select((u, i) => (Week: W1.AddWeeks(i), Units: u)).Where(x => x.Units != 0).ToDictionary(x => x.Week, x => x.Units);

    private static Dictionary<string, IReadOnlyDictionary<IsoWeek, int>> Fab(params int[] units) => new() { ["fab-a"] = Weeks(units) };

    private static SupplyAdjustment Adjust(IsoWeek week, int units, string reason = "cycle count") => new(week, units, reason);

    /// <summary>(week, produced, committed, available, carriedIn, carriedOut, overCommitted) for each week of the ledger.</summary>
    private static (IsoWeek, int, int, int, int, int, bool)[] Table(SupplyLedger ledger) =>
        [.. ledger.Weeks.Select(w => (w.Week, w.Produced, w.Committed, w.Available, w.CarriedIn, w.CarriedOut, w.OverCommitted))];

    [Fact]
    public void Adjustments_AddToAndSubtractFromTheFabsOutput_WeekByWeek()
    {
        var fabs = new Dictionary<string, IReadOnlyDictionary<IsoWeek, int>>
        {
            ["fab-a"] = Weeks(100, 100),
            ["fab-b"] = Weeks(0, 50),
        };
        var ledger = SupplyLedger.Of(fabs, [Adjust(W1, 20, "found stock"), Adjust(W2, -30, "scrap"), Adjust(W2, 5), Adjust(W3, 10)], Weeks());

        var weeks = ledger.Weeks;

        // W1: 100 + 20; W2: 100 + 50 − 30 + 5; W3: no fab output, 10 adjusted in.
        Assert.Equal([W1, W2, W3], weeks.Select(w => w.Week));
        Assert.Equal([120, 125, 10], weeks.Select(w => w.Produced));
        Assert.Equal([20, -25, 10], weeks.Select(w => w.Adjusted));
        Assert.Equal(new Dictionary<string, int> { ["fab-a"] = 100 }, weeks[0].ProducedByFab);
        Assert.Equal(new Dictionary<string, int> { ["fab-a"] = 100, ["fab-b"] = 50 }, weeks[1].ProducedByFab);
        Assert.Empty(weeks[2].ProducedByFab!);
        Assert.Equal(new Dictionary<IsoWeek, int> { [W1] = 120, [W2] = 125, [W3] = 10 }, ledger.Produced);
    }

    [Fact]
    public void CarriedInventory_IsTheCumulativeNetBeforeAndAfterEachWeek()
    {
        // produced 100, 50, 0, 40; committed 30, 80, 20, 0 → cumulative net 70, 40, 20, 60.
        var ledger = SupplyLedger.Of(Fab(100, 50, 0, 40), [], Weeks(30, 80, 20, 0));

        Assert.Equal(
            [
                (W1, 100, 30, 20, 0, 70, false),
                (W2, 50, 80, 20, 70, 40, false),
                (W3, 0, 20, 20, 40, 20, false),
                (W4, 40, 0, 60, 20, 60, false),
            ],
            Table(ledger));
    }

    [Fact]
    public void NegativeAdjustment_InACommittedWeek_OverCommitsIt_AndCarriesNothingUntilSupplyCatchesUp()
    {
        // produced 100, 100, 100; committed 100, 100, 0. A lost shipment of 40 in W2 → produced 100, 60, 100,
        // cumulative net 0, −40, 60.
        var before = SupplyLedger.Of(Fab(100, 100, 100), [], Weeks(100, 100, 0));
        var after = SupplyLedger.Of(Fab(100, 100, 100), [Adjust(W2, -40, "lost shipment")], Weeks(100, 100, 0));

        Assert.DoesNotContain(before.Weeks, w => w.OverCommitted);
        Assert.Equal(
            [
                (W1, 100, 100, 0, 0, 0, false),
                (W2, 60, 100, 0, 0, 0, true),
                (W3, 100, 0, 60, 0, 60, false),
            ],
            Table(after));
    }

    [Fact]
    public void AvailableToPromise_CountsAdjustments_AndStillProtectsLaterCommitments()
    {
        // produced 50, 50, 50 (+30 found in W1); 120 committed in W3 → cumulative net 80, 130, 60: each week can promise 60.
        var found = SupplyLedger.Of(Fab(50, 50, 50), [Adjust(W1, 30, "found stock")], Weeks(0, 0, 120));
        // Without the adjustment: cumulative net 50, 100, 30.
        var plain = SupplyLedger.Of(Fab(50, 50, 50), [], Weeks(0, 0, 120));
        // And with 50 scrapped in W3 on top: cumulative net 80, 130, 10.
        var scrapped = SupplyLedger.Of(Fab(50, 50, 50), [Adjust(W1, 30, "found stock"), Adjust(W3, -50, "scrap")], Weeks(0, 0, 120));

        Assert.Equal([60, 60, 60], found.Weeks.Select(w => w.Available));
        Assert.Equal(60, found.AvailableBy(W1));
        Assert.Equal(30, plain.AvailableBy(W1));
        Assert.Equal([10, 10, 10], scrapped.Weeks.Select(w => w.Available));
        Assert.Equal(new Dictionary<IsoWeek, int> { [W1] = 10, [W2] = 0, [W3] = 0 }, scrapped.ReleasedSupply(W1, W3));
    }

    [Theory]
    [InlineData(-100, true)]  // takes the week to exactly zero
    [InlineData(-101, false)] // one more than the week produces
    [InlineData(500, true)]
    public void NegativeAdjustment_MayNotTakeAWeekBelowZeroProduced(int units, bool admitted)
    {
        var ledger = SupplyLedger.Of(Fab(100), [], Weeks());

        var refused = Record.Exception(() => ledger.RequireAdmits(Adjust(W1, units)));

        if (admitted) Assert.Null(refused);
        else Assert.Contains("units", Assert.IsType<DomainValidationException>(refused).Errors.Keys);
    }

    [Fact]
    public void NegativeAdjustment_InAWeekWithNothingProduced_IsRefused()
    {
        var ledger = SupplyLedger.Of(Fab(100), [], Weeks());

        var refused = Assert.Throws<DomainValidationException>(() => ledger.RequireAdmits(Adjust(W2, -1)));

        Assert.Contains("units", refused.Errors.Keys);
    }

    [Fact]
    public void FabForecastCutBelowAnEarlierAdjustment_ProducesNothing_NeverANegativeWeek()
    {
        // 30 scrapped when the fab forecast 100; the forecast is later cut to 20.
        var ledger = SupplyLedger.Of(Fab(20), [Adjust(W1, -30, "scrap")], Weeks());

        var week = Assert.Single(ledger.Weeks);
        Assert.Equal((0, -30), (week.Produced, week.Adjusted));
    }

    [Theory]
    [InlineData(10, "", "Reason")]
    [InlineData(10, "   ", "Reason")]
    [InlineData(0, "scrap", "Units")]
    public void Adjustment_WithoutAReasonOrUnits_IsRefusedNamingTheField(int units, string reason, string field)
    {
        var refused = Assert.Throws<DomainValidationException>(() => DomainValidation.Require(new SupplyAdjustment(W1, units, reason), "body"));

        Assert.Equal([field], refused.Errors.Keys);
    }

    [Fact]
    public void LedgerFromTotalsAlone_HasNoFabBreakdownOrAdjustments()
    {
        var week = Assert.Single(new SupplyLedger(Weeks(100), Weeks(40)).Weeks);

        Assert.Equal((100, 40, 60, 0, 60, (IReadOnlyDictionary<string, int>?)null, 0), (week.Produced, week.Committed, week.Available, week.CarriedIn, week.CarriedOut, week.ProducedByFab, week.Adjusted));
    }
}
