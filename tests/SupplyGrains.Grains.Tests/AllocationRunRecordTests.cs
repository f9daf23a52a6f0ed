using CsCheck;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using SupplyGrains.Contracts.Allocation;
using SupplyGrains.Domain;
using SupplyGrains.Domain.Allocation;
using SupplyGrains.Grains.Allocation;

namespace SupplyGrains.Grains.Tests;

/// <summary>A run record written through Orleans' serializer, as the grain store does, reads back as the run it was made from.</summary>
public sealed class AllocationRunRecordTests
{
    private static readonly IsoWeek Week = IsoWeek.Parse("2032-W10");

    private static readonly Serializer Serializer = new ServiceCollection()
        .AddSerializer(b => b.AddAssembly(typeof(AllocationRunRecord).Assembly))
        .BuildServiceProvider()
        .GetRequiredService<Serializer>();

    // Ids built from pieces, so that many share prefixes (as time-ordered ids do), some end in an odd or even run of
    // hex digits, and some take several UTF-8 bytes or a surrogate pair.
    internal static readonly string[] IdPieces = ["o-", "0", "1", "9f", "a", "F", "é", "😀", "😁", "-"];

    private static readonly Gen<string> Id = Gen.Int[0, IdPieces.Length - 1].Select(i => IdPieces[i]).Array[1, 6].Select(string.Concat);

    // Mostly a few small quantities, so that an order's line often says what its line before said.
    private static readonly Gen<int> Quantity = Gen.Frequency((3, Gen.Int[0, 2]), (1, Gen.Int));

    private static readonly Gen<AllocationRunView> Runs =
        from ids in Id.Array[1, 12].Select(ids => ids.Distinct().ToArray())
        from customers in Id.Array[1, 4]
        from customerOf in Gen.Int[0, customers.Length - 1].Array[ids.Length]
        from orders in Gen.Select(Gen.Int[0, ids.Length - 1], Gen.Int, Gen.Int, Gen.Int, Gen.Enum<StopReason>()).Array[0, 16]
        from weeks in Gen.Select(Gen.Int[0, ids.Length - 1], Quantity, Gen.Enum<StopReason>(), Gen.Bool).Array[0, 16].Array[1, 4]
        select Run(
            [.. weeks.Select(lines => lines.Select(l => new AllocationLine(
                // Now and then an equal id that is another string instance, as a view read from elsewhere has.
                l.Item4 ? new string(ids[l.Item1]) : ids[l.Item1], customers[customerOf[l.Item1]], l.Item2, l.Item3)).ToArray())],
            [.. orders.Select(o => new OrderAllocation(ids[o.Item1], customers[customerOf[o.Item1]], o.Item2, o.Item3, o.Item4, o.Item5))]);

    [Fact]
    public void Record_OfAnEngineRun_ReadsBackAsTheRun()
    {
        var run = EngineRun(orders: 600, customers: 40, weeks: 5);

        AssertSameRun(run, RoundTrip(run));
    }

    [Fact]
    public void Record_OfAnyRun_ReadsBackAsTheRun() =>
        // Lines out of the orders' order, orders listed twice, orders only lines name, any integers.
        Runs.Sample(run => SameRun(run, RoundTrip(run)));

    [Fact]
    public void Record_OfAnEngineRun_TakesUnderTwoBytesALine()
    {
        var run = EngineRun(orders: 3000, customers: 300, weeks: 8);
        var lines = run.Weeks.Sum(w => w.Lines.Count);

        var stored = Serializer.SerializeToArray(AllocationRunRecord.From(run));

        // Lines and orders as small varints, ids once each and their hex digits two a byte.
        var ids = run.Orders.Sum(o => o.OrderId.Length) / 2 + run.Orders.Select(o => o.CustomerId).Distinct().Sum(c => c.Length);
        Assert.InRange(stored.Length, 0, lines * 2 + run.Orders.Count * 5 + ids + 1024);
    }

    [Fact]
    public void Record_InTheEarlierLayout_IsRefused()
    {
        var earlier = new AllocationRunRecord { Run = Run([], []) };

        // A 409 that says what to do, not a 500: the run is simply run again.
        var refused = Assert.Throws<ConflictException>(() => earlier.ToView());
        Assert.Contains("run it again", refused.Message);
    }

    private static AllocationRunView RoundTrip(AllocationRunView run) =>
        Serializer.Deserialize<AllocationRunRecord>(Serializer.SerializeToArray(AllocationRunRecord.From(run)))!.ToView()!;

    private static void AssertSameRun(AllocationRunView expected, AllocationRunView actual)
    {
        Assert.Equal(expected with { Weeks = [], Orders = [] }, actual with { Weeks = [], Orders = [] });
        Assert.Equal(expected.Weeks.Select(w => w with { Lines = [] }), actual.Weeks.Select(w => w with { Lines = [] }));
        Assert.Equal(expected.Weeks.Select(w => w.Lines), actual.Weeks.Select(w => w.Lines));
        Assert.Equal(expected.Orders, actual.Orders);
    }

    private static bool SameRun(AllocationRunView expected, AllocationRunView actual) =>
        expected with { Weeks = [], Orders = [] } == actual with { Weeks = [], Orders = [] }
        && expected.Weeks.Select(w => w with { Lines = [] }).SequenceEqual(actual.Weeks.Select(w => w with { Lines = [] }))
        && expected.Weeks.Zip(actual.Weeks).All(w => w.First.Lines.SequenceEqual(w.Second.Lines))
        && expected.Orders.SequenceEqual(actual.Orders);

    private static AllocationRunView Run(AllocationLine[][] weeks, OrderAllocation[] orders) =>
        new("run-1", "pl-1", AllocationStrategy.FairShare, RunMode.Preview, RunStatus.Preview, "f00d", DateTimeOffset.UnixEpoch,
            Week, Week.AddWeeks(Math.Max(weeks.Length, 1) - 1), AllocationCaps.None,
            [.. weeks.Select((lines, w) => new WeekAllocation(Week.AddWeeks(w), 100 + w, lines.Length, w, lines))], orders, "planner");

    // Scarce supply over several weeks, so that lines change from week to week and several caps stop orders.
    private static AllocationRunView EngineRun(int orders, int customers, int weeks)
    {
        var demand = Enumerable.Range(0, orders).Select(o =>
        {
            var c = o % customers;
            return new DemandLine($"o-{Guid.CreateVersion7(DateTimeOffset.UnixEpoch.AddSeconds(o)):N}", $"cu-{c:D4}", 1 + c % 2, 1 + c % 3, 0,
                Week.AddWeeks(o % weeks), DateTimeOffset.UnixEpoch.AddTicks(o), (1 + o % 5) * 8, c % 10 == 0 ? "DE" : "US", null);
        }).ToList();
        var supply = Enumerable.Range(0, weeks).ToDictionary(w => Week.AddWeeks(w), _ => orders * 8 / weeks);
        var problem = new AllocationProblem(Week, Week.AddWeeks(weeks - 1), supply, 8, demand, new Dictionary<string, int>(),
            new AllocationCaps(MaxCustomerShare: 0.05m, DestinationRatio: [new DestinationRatio("DE", "US", 0.1m)]));
        var outcome = AllocationEngine.Allocate(problem);
        return Run([.. outcome.Weeks.Select(w => w.Lines.ToArray())], [.. outcome.Orders]) with
        {
            Weeks = outcome.Weeks, ToWeek = problem.ToWeek,
        };
    }
}
