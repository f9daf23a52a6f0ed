using SupplyGrains.Domain.Supply;

namespace SupplyGrains.Domain.Tests.Supply;

public class FabOutputPlanTests
{
    private static readonly IsoWeek W10 = IsoWeek.Parse("2032-W10");

    private static ProductLoad Load(string product, int priority, int wafers, int dies = 10, decimal yieldStart = 1m, decimal yieldMature = 1m,
        int rampWeeks = 0, int cycle = 0, int? packaging = null, int weeks = 1) =>
        new(product, priority, wafers, W10, W10.AddWeeks(weeks - 1), dies, yieldStart, yieldMature, W10, rampWeeks, cycle, packaging);

    private static int Units(IReadOnlyList<FabOutput> output, string product, IsoWeek week) =>
        output.Where(o => o.ProductLine == product && o.Week == week).Sum(o => o.Units);

    private static int Starts(IReadOnlyList<FabOutput> output, string product, IsoWeek week) =>
        output.Where(o => o.ProductLine == product && o.Week == week).Sum(o => o.WaferStarts);

    [Fact]
    public void Capacity_GoesToLowerPriorityNumbersFirst()
    {
        // 100 wafer starts: rubin (priority 1) wants 70, blackwell (2) wants 50, h200 (3) wants 40.
        var fab = new FabDefinition("f", "TW", 100, [Load("h200", 3, 40), Load("rubin", 1, 70), Load("blackwell", 2, 50)]);

        var output = FabOutputPlan.Compute(fab);

        Assert.Equal(70, Starts(output, "rubin", W10));
        Assert.Equal(30, Starts(output, "blackwell", W10));
        Assert.Equal(0, Starts(output, "h200", W10));
        Assert.Equal(700, Units(output, "rubin", W10));
        Assert.Equal(300, Units(output, "blackwell", W10));
    }

    [Fact]
    public void Output_ArrivesAfterTheCycleTime()
    {
        var fab = new FabDefinition("f", "TW", 100, [Load("h200", 1, 10, cycle: 12)]);

        var output = FabOutputPlan.Compute(fab);

        Assert.Equal(10, Starts(output, "h200", W10));
        Assert.Equal(0, Units(output, "h200", W10));
        Assert.Equal(100, Units(output, "h200", W10.AddWeeks(12)));
    }

    [Fact]
    public void Yield_RampsLinearlyFromStartToMature_AtTheOutputWeek()
    {
        // 10 wafers × 89 dies; yield 0.5 at the ramp start to 0.9 after 4 weeks: 0.5, 0.6, 0.7, 0.8, 0.9, 0.9.
        var fab = new FabDefinition("f", "TW", 100, [Load("h200", 1, 10, dies: 89, yieldStart: 0.5m, yieldMature: 0.9m, rampWeeks: 4, weeks: 6)]);

        var output = FabOutputPlan.Compute(fab);

        int[] expected = [445, 534, 623, 712, 801, 801];
        Assert.Equal(expected, IsoWeek.Range(W10, W10.AddWeeks(5)).Select(w => Units(output, "h200", w)));
    }

    [Fact]
    public void PackagingCap_LimitsUnitsButNotWaferStarts()
    {
        var fab = new FabDefinition("f", "TW", 100, [Load("h200", 1, 40, dies: 89, packaging: 1000)]);

        var output = FabOutputPlan.Compute(fab);

        Assert.Equal(40, Starts(output, "h200", W10));
        Assert.Equal(1000, Units(output, "h200", W10));
    }

    [Fact]
    public void Units_AreFloored()
    {
        var fab = new FabDefinition("f", "TW", 100, [Load("h200", 1, 3, dies: 89, yieldStart: 0.45m, yieldMature: 0.45m)]);

        Assert.Equal(120, Units(FabOutputPlan.Compute(fab), "h200", W10)); // 3 × 89 × 0.45 = 120.15
    }

    [Fact]
    public void Loads_RunOnlyBetweenTheirWeeks()
    {
        var late = new ProductLoad("h200", 1, 10, W10.AddWeeks(2), W10.AddWeeks(2), 10, 1, 1, W10, 0, 0);
        var fab = new FabDefinition("f", "TW", 100, [Load("rubin", 2, 100, weeks: 3), late]);

        var output = FabOutputPlan.Compute(fab);

        Assert.Equal(100, Starts(output, "rubin", W10));
        Assert.Equal(90, Starts(output, "rubin", W10.AddWeeks(2))); // h200 takes its 10 first that week
        Assert.Equal(10, Starts(output, "h200", W10.AddWeeks(2)));
    }
}
