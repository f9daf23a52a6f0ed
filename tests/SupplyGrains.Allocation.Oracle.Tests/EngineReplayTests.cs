using SupplyGrains.Domain;
using SupplyGrains.Domain.Allocation;

namespace SupplyGrains.Allocation.Oracle.Tests;

/// <summary>
/// The checker itself: it accepts outcomes that are max-min fair under each cap and flags ones that are not. Outcomes
/// are written by hand, so the quota and ratio checks are proven before the engine supports those caps.
/// </summary>
public class EngineReplayTests
{
    private static readonly IsoWeek Week = OracleBooks.Week1;
    private static readonly DateTimeOffset Opening = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Replay_FlagsProRata_WhereItIsNotMaxMin()
    {
        // ProRata gives 30 / 15 / 5 where max-min gives 20 / 20 / 10.
        var problem = Problem(50, [Line("a", 60, "DE"), Line("b", 30, "DE"), Line("c", 10, "DE")]) with { Strategy = AllocationStrategy.ProRata };

        var report = EngineReplay.Compare(problem, AllocationEngine.Allocate(problem));

        Assert.Equal(3, report.Disagreements.Count);
        Assert.Equal(10, report.LargestGapLots, 6);
    }

    [Fact]
    public void Replay_ToleratesOneLotOfRounding_AndNotTwo()
    {
        var problem = Problem(50, [Line("a", 60, "DE"), Line("b", 30, "DE"), Line("c", 10, "DE")]);

        Assert.True(EngineReplay.Compare(problem, Outcome(problem, ("a", 21), ("b", 19), ("c", 10))).Agrees);
        Assert.False(EngineReplay.Compare(problem, Outcome(problem, ("a", 22), ("b", 18), ("c", 10))).Agrees);
    }

    [Fact]
    public void Replay_ChecksACountryQuotaAsACapOverTheRun()
    {
        // DE may get 5 over the run: a is held to 5, and b, without a cap, takes its whole 20.
        var problem = Problem(30, [Line("a", 20, "DE"), Line("b", 20, "NL")]) with
        {
            Caps = new AllocationCaps(CountryQuota: new Dictionary<string, int> { ["DE"] = 5 }),
        };

        Assert.True(EngineReplay.Compare(problem, Outcome(problem, ("a", 5), ("b", 20))).Agrees);
        Assert.False(EngineReplay.Compare(problem, Outcome(problem, ("a", 15), ("b", 15))).Agrees);
    }

    [Fact]
    public void Replay_ChecksADestinationRatioAsAFixedPoint_WithoutBoostingTheReferenceGroup()
    {
        // us takes its own fair share (its whole 4); CN may then get 0.5 × 4 = 2, and de takes the rest.
        // Max-min over the whole polytope would instead raise us to make room for cn; the fixed point does not ask that.
        var problem = Problem(30, [Line("us", 4, "US"), Line("cn", 20, "CN"), Line("de", 30, "DE")]) with
        {
            Caps = new AllocationCaps(DestinationRatio: [new DestinationRatio("CN", "US", 0.5m)]),
        };

        Assert.True(EngineReplay.Compare(problem, Outcome(problem, ("us", 4), ("cn", 2), ("de", 24))).Agrees);
        Assert.False(EngineReplay.Compare(problem, Outcome(problem, ("us", 4), ("cn", 9), ("de", 17))).Agrees);
        Assert.False(EngineReplay.Compare(problem, Outcome(problem, ("us", 4), ("cn", 0), ("de", 26))).Agrees);
    }

    [Fact]
    public void Replay_ChecksAGroupedRatioOnTheSumOfItsDestinationSide()
    {
        // us keeps its 8; CN and MO together may then get 0.5 × 8 = 4, split 2 / 2 between cn and mo; de takes the rest.
        // Capping CN and MO separately at 4 each would let them have 4 / 4.
        var problem = Problem(40, [Line("us", 8, "US"), Line("cn", 20, "CN"), Line("mo", 20, "MO"), Line("de", 40, "DE")]) with
        {
            Caps = new AllocationCaps(DestinationRatio: [new DestinationRatio("CN", "US", 0.5m, ["MO"])]),
        };

        Assert.True(EngineReplay.Compare(problem, Outcome(problem, ("us", 8), ("cn", 2), ("mo", 2), ("de", 28))).Agrees);
        Assert.False(EngineReplay.Compare(problem, Outcome(problem, ("us", 8), ("cn", 4), ("mo", 4), ("de", 24))).Agrees);
        Assert.False(EngineReplay.Compare(problem, Outcome(problem, ("us", 8), ("cn", 4), ("mo", 0), ("de", 28))).Agrees);
    }

    private static DemandLine Line(string customer, int units, string destination) =>
        new($"{customer}-1", customer, 1, 1m, 0, Week, Opening, units, destination, null);

    private static AllocationProblem Problem(int supply, DemandLine[] demand) =>
        new(Week, Week, new Dictionary<IsoWeek, int> { [Week] = supply }, 1, demand, new Dictionary<string, int>(), AllocationCaps.None);

    /// <summary>A one-week outcome giving each customer's single order the units named.</summary>
    private static AllocationOutcome Outcome(AllocationProblem problem, params (string Customer, int Units)[] got)
    {
        var lines = got.Select(g => new AllocationLine($"{g.Customer}-1", g.Customer, g.Units, StopReason.Supply)).ToList();
        var supply = problem.ReleasedSupply[Week];
        var allocated = lines.Sum(l => l.Quantity);
        return new AllocationOutcome([new WeekAllocation(Week, supply, allocated, supply - allocated, lines)], []);
    }
}
