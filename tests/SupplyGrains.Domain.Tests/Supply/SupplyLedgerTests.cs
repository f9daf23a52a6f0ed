using SupplyGrains.Domain.Supply;

namespace SupplyGrains.Domain.Tests.Supply;

public class SupplyLedgerTests
{
    private static readonly IsoWeek W1 = IsoWeek.Parse("2026-W01");

    private static Dictionary<IsoWeek, int> Weeks(params int[] units) =>
        units.Select((u, i) => (Week: W1.AddWeeks(i), Units: u)).Where(x => x.Units != 0).ToDictionary(x => x.Week, x => x.Units);

    [Fact]
    public void Available_CarriesInventoryForward()
    {
        var ledger = new SupplyLedger(Weeks(100, 50, 0), Weeks(30, 0, 0));

        Assert.Equal(70, ledger.AvailableBy(W1));
        Assert.Equal(120, ledger.AvailableBy(W1.AddWeeks(1)));
        Assert.Equal(120, ledger.AvailableBy(W1.AddWeeks(5)));
    }

    [Fact]
    public void Available_NeverPromisesUnitsALaterCommitmentCountsOn()
    {
        // 100 produced in week 1, nothing after, 80 committed in week 3: week 1 can promise only 20.
        var ledger = new SupplyLedger(Weeks(100, 0, 0), Weeks(0, 0, 80));

        Assert.Equal(20, ledger.AvailableBy(W1));
        Assert.Equal(20, ledger.AvailableBy(W1.AddWeeks(2)));
    }

    [Fact]
    public void ReleasedSupply_SumsToWhatTheLastWeekCanPromise()
    {
        var ledger = new SupplyLedger(Weeks(40, 40, 40), Weeks(0, 0, 0));

        var released = ledger.ReleasedSupply(W1.AddWeeks(1), W1.AddWeeks(3));

        Assert.Equal(80, released[W1.AddWeeks(1)]); // week 1's inventory plus week 2's production
        Assert.Equal(40, released[W1.AddWeeks(2)]);
        Assert.Equal(0, released[W1.AddWeeks(3)]);
    }

    [Fact]
    public void OverCommittedWeeks_AreFlagged_AndPromiseNothing()
    {
        var ledger = new SupplyLedger(Weeks(50, 0), Weeks(0, 80));

        var weeks = ledger.Weeks;

        Assert.False(weeks[0].OverCommitted);
        Assert.True(weeks[1].OverCommitted);
        Assert.Equal(0, weeks[0].Available);
        Assert.Equal(0, ledger.AvailableBy(W1.AddWeeks(1)));
    }

    [Fact]
    public void BeforeTheFirstWeek_NothingIsAvailable()
    {
        var ledger = new SupplyLedger(Weeks(0, 0, 100), Weeks());

        Assert.Equal(0, ledger.AvailableBy(W1));
        Assert.Equal(100, ledger.AvailableBy(W1.AddWeeks(2)));
    }
}
