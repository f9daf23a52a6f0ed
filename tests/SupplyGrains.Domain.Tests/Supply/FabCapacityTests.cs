using System.Text.Json;
using CsCheck;
using SupplyGrains.Domain.Supply;

namespace SupplyGrains.Domain.Tests.Supply;

/// <summary>The fab arithmetic of SPEC §2 on small tables worked out by hand (in the comments), plus capacity over time.</summary>
public class FabCapacityTests
{
    private static readonly IsoWeek W10 = IsoWeek.Parse("2032-W10");

    private static IsoWeek W(int week) => W10.AddWeeks(week - 10);

    private static ProductLoad Load(string product, int priority, int wafers, int dies = 10, decimal yieldStart = 1m, decimal yieldMature = 1m,
        int rampWeeks = 0, int cycle = 0, int? packaging = null, int weeks = 1) =>
        new(product, priority, wafers, W10, W10.AddWeeks(weeks - 1), dies, yieldStart, yieldMature, W10, rampWeeks, cycle, packaging);

    private static int[] Starts(IReadOnlyList<FabOutput> output, string product, int fromWeek, int toWeek) =>
        [.. IsoWeek.Range(W(fromWeek), W(toWeek)).Select(w => output.Where(o => o.ProductLine == product && o.Week == w).Sum(o => o.WaferStarts))];

    private static int[] Units(IReadOnlyList<FabOutput> output, string product, int fromWeek, int toWeek) =>
        [.. IsoWeek.Range(W(fromWeek), W(toWeek)).Select(w => output.Where(o => o.ProductLine == product && o.Week == w).Sum(o => o.Units))];

    [Fact]
    public void PriorityCut_TheHigherPriorityLoadTakesWhatItWants_TheLowerGetsTheRest()
    {
        // Capacity 100 for 2 weeks. rubin (priority 1) wants 70, h200 (priority 2) wants 50.
        // rubin: 70 starts × 10 dies × 1.0 = 700 units; h200: 100 − 70 = 30 starts × 10 × 0.5 = 150 units.
        var fab = new FabDefinition("f", "TW", 100, [Load("h200", 2, 50, yieldStart: 0.5m, yieldMature: 0.5m, weeks: 2), Load("rubin", 1, 70, weeks: 2)]);

        var output = FabOutputPlan.Compute(fab);

        Assert.Equal([70, 70], Starts(output, "rubin", 10, 11));
        Assert.Equal([30, 30], Starts(output, "h200", 10, 11));
        Assert.Equal([700, 700], Units(output, "rubin", 10, 11));
        Assert.Equal([150, 150], Units(output, "h200", 10, 11));
    }

    [Fact]
    public void Ramp_YieldRisesLinearlyToMature_ThenStays()
    {
        // 20 wafers × 50 dies = 1000 dies a week; yield 0.60 → 0.80 over 4 weeks from W10, so +0.05 a week:
        // W10 0.60 → 600, W11 0.65 → 650, W12 0.70 → 700, W13 0.75 → 750, W14 0.80 → 800, W15 mature 0.80 → 800.
        var fab = new FabDefinition("f", "TW", 100, [Load("h200", 1, 20, dies: 50, yieldStart: 0.60m, yieldMature: 0.80m, rampWeeks: 4, weeks: 6)]);

        Assert.Equal([600, 650, 700, 750, 800, 800], Units(FabOutputPlan.Compute(fab), "h200", 10, 15));
    }

    [Fact]
    public void CycleTime_ShiftsOutput_AndYieldIsTakenAtTheOutputWeek()
    {
        // 10 wafers × 100 dies started W10..W12, cycle time 3 weeks, yield 0.50 → 0.80 over 6 weeks from W10 (+0.05 a week).
        // Start W10 comes out W13 at yield 0.65 → 650; W11 → W14 at 0.70 → 700; W12 → W15 at 0.75 → 750. Nothing before W13.
        var fab = new FabDefinition("f", "TW", 100, [Load("h200", 1, 10, dies: 100, yieldStart: 0.50m, yieldMature: 0.80m, rampWeeks: 6, cycle: 3, weeks: 3)]);

        var output = FabOutputPlan.Compute(fab);

        Assert.Equal([10, 10, 10, 0, 0, 0], Starts(output, "h200", 10, 15));
        Assert.Equal([0, 0, 0, 650, 700, 750], Units(output, "h200", 10, 15));
    }

    [Fact]
    public void PackagingCap_BindsOnlyWhenTheDiesExceedIt()
    {
        // 40 wafers × 89 dies, yield 0.50 at W10 then 0.80 (1-week ramp), CoWoS cap 2500 a week:
        // W10 40 × 89 × 0.50 = 1780 (under the cap); W11 40 × 89 × 0.80 = 2848 → capped to 2500. Starts stay 40.
        var fab = new FabDefinition("f", "TW", 100, [Load("h200", 1, 40, dies: 89, yieldStart: 0.50m, yieldMature: 0.80m, rampWeeks: 1, packaging: 2500, weeks: 2)]);

        var output = FabOutputPlan.Compute(fab);

        Assert.Equal([40, 40], Starts(output, "h200", 10, 11));
        Assert.Equal([1780, 2500], Units(output, "h200", 10, 11));
    }

    [Fact]
    public void CapacityChange_MidRange_CutsTheLowestPriorityLoadFirst()
    {
        // Wants: rubin (1) 60, blackwell (2) 30, h200 (3) 30 = 120; 10 dies, yield 1.
        // Capacity: 100 at W10, 80 from W11, 120 from W13.
        //        cap  rubin  blackwell  h200
        //   W10  100    60       30      10
        //   W11   80    60       20       0
        //   W12   80    60       20       0
        //   W13  120    60       30      30
        var fab = new FabDefinition("f", "TW", 100,
            [Load("rubin", 1, 60, weeks: 4), Load("blackwell", 2, 30, weeks: 4), Load("h200", 3, 30, weeks: 4)],
            CapacityChanges: [new CapacityChange(W(13), 120), new CapacityChange(W(11), 80)]);

        var output = FabOutputPlan.Compute(fab);

        Assert.Equal([100, 80, 80, 120], IsoWeek.Range(W(10), W(13)).Select(fab.CapacityIn));
        Assert.Equal([60, 60, 60, 60], Starts(output, "rubin", 10, 13));
        Assert.Equal([30, 20, 20, 30], Starts(output, "blackwell", 10, 13));
        Assert.Equal([10, 0, 0, 30], Starts(output, "h200", 10, 13));
        Assert.Equal([100, 0, 0, 300], Units(output, "h200", 10, 13));
    }

    [Fact]
    public void Downtime_StopsStarts_AndTheOutputGapArrivesACycleTimeLater()
    {
        // 50 wafers × 10 dies a week W10..W15, cycle time 2, downtime W12..W13.
        // Starts:  W10 50, W11 50, W12 0, W13 0, W14 50, W15 50.
        // Units:   W12 500 and W13 500 (wafers already in the line finish), W14 0, W15 0, W16 500, W17 500.
        var fab = new FabDefinition("f", "TW", 100, [Load("h200", 1, 50, cycle: 2, weeks: 6)],
            Downtime: [new PlannedDowntime(W(12), W(13), "EUV tool install")]);

        var output = FabOutputPlan.Compute(fab);

        Assert.Equal([50, 50, 0, 0, 50, 50], Starts(output, "h200", 10, 15));
        Assert.Equal([0, 0, 500, 500, 0, 0, 500, 500], Units(output, "h200", 10, 17));
    }

    [Fact]
    public void CapacityIn_DowntimeWinsOverACapacityChange_AndTheLatestChangeAppliesUntilTheNext()
    {
        var fab = new FabDefinition("f", "TW", 100, [],
            CapacityChanges: [new CapacityChange(W(11), 80), new CapacityChange(W(14), 0), new CapacityChange(W(15), 150)],
            Downtime: [new PlannedDowntime(W(12), W(12), "maintenance")]);

        //          W10  W11 W12 W13 W14 W15  W16
        int[] expected = [100, 80, 0, 80, 0, 150, 150];
        Assert.Equal(expected, IsoWeek.Range(W(10), W(16)).Select(fab.CapacityIn));
    }

    [Fact]
    public void CapacityChange_WithNegativeWafers_IsRefusedNamingTheField()
    {
        var error = Assert.Throws<DomainValidationException>(() => DomainValidation.Require(new CapacityChange(W10, -1), "body"));

        Assert.Equal(["WafersPerWeek"], error.Errors.Keys);
    }

    [Fact]
    public void Downtime_EndingBeforeItStarts_OrWithoutAReason_IsRefusedNamingTheFields()
    {
        var error = Assert.Throws<DomainValidationException>(() => DomainValidation.Require(new PlannedDowntime(W(12), W(11), " "), "body"));

        Assert.Equal(["Reason", "ToWeek"], error.Errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void FabDefinition_NamesTheBadCapacityChangeAndDowntime()
    {
        var fab = new FabDefinition("f", "TW", 100, [],
            CapacityChanges: [new CapacityChange(W10, 10), new CapacityChange(W10, -5)],
            Downtime: [new PlannedDowntime(W10, W10, "")]);

        var error = Assert.Throws<DomainValidationException>(() => DomainValidation.Require(fab, "body"));

        Assert.Equal(["CapacityChanges[1].FromWeek", "CapacityChanges[1].WafersPerWeek", "Downtime[0].Reason"], error.Errors.Keys.Order(StringComparer.Ordinal));
    }

    /// <summary>Fabs of 1–4 loads (product p0..p3) over W10..W19 with up to 3 capacity changes and 2 downtimes.</summary>
    private static readonly Gen<FabDefinition> RandomFabs = Gen.Select(
        Gen.Int[0, 200],
        Gen.Select(Gen.Int[1, 4], Gen.Int[0, 120], Gen.Int[0, 9], Gen.Int[0, 9]).Array[1, 4],
        Gen.Select(Gen.Int[0, 12], Gen.Int[0, 200]).Array[0, 3],
        Gen.Select(Gen.Int[0, 12], Gen.Int[0, 3]).Array[0, 2],
        (capacity, loads, changes, downtime) => new FabDefinition("f", "TW", capacity,
            [.. loads.Select((l, i) => new ProductLoad($"p{i}", l.Item1, l.Item2, W(10 + Math.Min(l.Item3, l.Item4)), W(10 + Math.Max(l.Item3, l.Item4)), 10, 1m, 1m, W10, 0, 0))],
            [.. changes.DistinctBy(c => c.Item1).Select(c => new CapacityChange(W(8 + c.Item1), c.Item2))],
            [.. downtime.Select(d => new PlannedDowntime(W(10 + d.Item1), W(10 + d.Item1 + d.Item2), "maintenance"))]));

    [Fact]
    public void EveryWeek_StartsStayWithinCapacity_NoneInDowntime_AndAShortLoadMeansLowerPrioritiesGotNothing() =>
        RandomFabs.Sample(fab =>
        {
            var output = FabOutputPlan.Compute(fab);
            foreach (var week in IsoWeek.Range(W(8), W(22)))
            {
                var running = fab.Loads.Select((load, i) => (load, starts: output.Where(o => o.ProductLine == $"p{i}" && o.Week == week).Sum(o => o.WaferStarts))).ToList();
                var capacity = fab.CapacityIn(week);
                Assert.True(running.Sum(r => r.starts) <= capacity);
                if (fab.Downtime!.Any(d => d.Covers(week))) Assert.Equal(0, capacity);
                foreach (var (load, starts) in running.Where(r => r.load.RunsIn(week) && r.starts < r.load.WafersPerWeek))
                {
                    // A load cut short means the capacity ran out before anyone behind it.
                    Assert.Equal(capacity, running.Sum(r => r.starts));
                    Assert.All(running.Where(r => r.load.Priority > load.Priority), r => Assert.Equal(0, r.starts));
                }
            }
        }, iter: 300, print: fab => JsonSerializer.Serialize(fab));
}
