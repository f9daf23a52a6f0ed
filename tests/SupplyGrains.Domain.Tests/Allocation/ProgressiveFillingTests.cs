using CsCheck;
using SupplyGrains.Domain.Allocation;

namespace SupplyGrains.Domain.Tests.Allocation;

/// <summary>The continuous answer before rounding: what each customer deserves, in lots.</summary>
public class ProgressiveFillingTests
{
    private const double Tolerance = 1e-9; // absolute: rounding to decimal places fails on values that straddle a boundary

    [Fact]
    public void Filling_GivesEachCustomerWeightTimesTheLevel_UpToItsDemand()
    {
        var filling = Filling(0);
        AddCustomer(filling, 1, long.MaxValue, (60, -1));
        AddCustomer(filling, 2, long.MaxValue, (30, -1));
        AddCustomer(filling, 1, long.MaxValue, (10, -1));

        filling.Run(50, [], []);

        Assert.Equal(40 / 3d, filling.Allocation(0), Tolerance);
        Assert.Equal(80 / 3d, filling.Allocation(1), Tolerance);
        Assert.Equal(10, filling.Allocation(2), Tolerance);
    }

    [Fact]
    public void Filling_StopsACustomerAtItsCap_AndSharesTheRestByWeight()
    {
        var filling = Filling(0);
        AddCustomer(filling, 1, 10, (100, -1));
        AddCustomer(filling, 1, long.MaxValue, (100, -1));
        AddCustomer(filling, 2, long.MaxValue, (100, -1));

        filling.Run(70, [], []);

        Assert.Equal(10, filling.Allocation(0), Tolerance);
        Assert.Equal(20, filling.Allocation(1), Tolerance);
        Assert.Equal(40, filling.Allocation(2), Tolerance);
    }

    [Fact]
    public void Filling_SharesALicenceAmongTheCustomersDrawingOnIt()
    {
        var filling = Filling(1);
        AddCustomer(filling, 1, long.MaxValue, (10, 0));
        AddCustomer(filling, 1, long.MaxValue, (10, 0));
        AddCustomer(filling, 1, long.MaxValue, (10, -1));

        filling.Run(10, [3], []);

        Assert.Equal([1.5, 1.5, 7], [filling.Allocation(0), filling.Allocation(1), filling.Allocation(2)]);
    }

    [Fact]
    public void Filling_MovesACustomerToItsNextOrders_WhenItsLicenceRunsOut()
    {
        var filling = Filling(1);
        var a = AddCustomer(filling, 1, long.MaxValue, (10, 0), (10, -1));
        AddCustomer(filling, 1, long.MaxValue, (10, -1));

        filling.Run(10, [2], []);

        Assert.Equal(5, filling.Allocation(a), Tolerance);
        Assert.Equal(2, filling.SegmentAmount(filling.FirstSegment(a)), Tolerance);
        Assert.Equal(3, filling.SegmentAmount(filling.FirstSegment(a) + 1), Tolerance);
        Assert.Equal(5, filling.Allocation(1), Tolerance);
    }

    [Fact]
    public void Filling_WithMoreSupplyThanDemand_GivesEveryoneWhatItCanTake()
    {
        var filling = Filling(1);
        AddCustomer(filling, 3, long.MaxValue, (4, -1), (6, 0));
        AddCustomer(filling, 1, 2, (10, -1));
        AddCustomer(filling, 1, 0, (10, -1));

        filling.Run(100, [1], []);

        Assert.Equal([5, 2, 0], [filling.Allocation(0), filling.Allocation(1), filling.Allocation(2)]);
    }

    [Fact]
    public void Filling_HoldsARatiosDestinationInLockstep_AtMaxRatioTimesTheReference()
    {
        var (filling, caps) = WithRatio("CN", "US", 0.5m);
        AddCustomer(filling, 1, long.MaxValue, caps, (100, "CN"));
        AddCustomer(filling, 1, long.MaxValue, caps, (100, "US"));
        AddCustomer(filling, 1, long.MaxValue, caps, (100, "DE"));

        filling.Run(100, [], new long[caps.Countries.Length]);

        AssertClose([20, 40, 40], filling.Allocation(0), filling.Allocation(1), filling.Allocation(2));
    }

    [Fact]
    public void Filling_LetsLockstepCustomersCatchUpAndRejoin_WhenOneOfThemLeaves()
    {
        // Pace 1.5 / 2 until C1 leaves at 3 (λ = 4); C2 alone rises at pace 1.5, reaches λ at 6 and rises with
        // everybody from there: 3 + 3 λ = 100.
        var (filling, caps) = WithRatio("CN", "US", 1.5m);
        AddCustomer(filling, 1, long.MaxValue, caps, (3, "CN"));
        AddCustomer(filling, 1, long.MaxValue, caps, (100, "CN"));
        AddCustomer(filling, 1, long.MaxValue, caps, (100, "US"));
        AddCustomer(filling, 1, long.MaxValue, caps, (100, "DE"));

        filling.Run(100, [], new long[caps.Countries.Length]);

        AssertClose([3, 97 / 3d, 97 / 3d, 97 / 3d], filling.Allocation(0), filling.Allocation(1), filling.Allocation(2), filling.Allocation(3));
    }

    [Fact]
    public void Filling_CountsTheWeeksEarlierLots_AgainstTheRatio()
    {
        // 40 US lots placed earlier in the week: CN may have 20 more than half of what this group gives US.
        var (filling, caps) = WithRatio("CN", "US", 0.5m);
        AddCustomer(filling, 1, long.MaxValue, caps, (100, "CN"));
        AddCustomer(filling, 1, long.MaxValue, caps, (100, "DE"));
        var lots = new long[caps.Countries.Length];
        lots[caps.IndexOf("US")] = 40;

        filling.Run(100, [], lots);

        AssertClose([20, 80], filling.Allocation(0), filling.Allocation(1));
    }

    [Fact]
    public void Filling_ComesBackToAnOrderItPassedOver_WhenTheRatioGainsRoom()
    {
        // A's CN order is held at once, so A rises on its DE order; when that is full (λ = 10) A comes back to CN,
        // which binds at λ = 20 and then follows US at half its pace: 1.5 λ + 10 = 100.
        var (filling, caps) = WithRatio("CN", "US", 0.5m);
        var a = AddCustomer(filling, 1, long.MaxValue, caps, (100, "CN"), (10, "DE"));
        AddCustomer(filling, 1, long.MaxValue, caps, (100, "US"));

        filling.Run(100, [], new long[caps.Countries.Length]);

        AssertClose([30, 10, 60], filling.SegmentAmount(filling.FirstSegment(a)), filling.SegmentAmount(filling.FirstSegment(a) + 1), filling.Allocation(1));
    }

    [Fact]
    public void SortedSweep_AgreesWithTheEventDrivenRise_WhenEveryLicenceHasOneCustomer()
    {
        // Customers: weight in tenths, share cap (0: none), then segments of (demand, licence or -1). Licence i is
        // only ever given to customer i, so the sweep applies; the events must reach the same answer.
        var customer = Gen.Select(Gen.Int[1, 40], Gen.Int[0, 30], Gen.Select(Gen.Int[0, 15], Gen.Int[-1, 0]).Array[1, 4]);
        Gen.Select(customer.Array[1, 12], Gen.Int[0, 20].Array[12], Gen.Int[0, 150]).Sample((customers, rooms, supply) =>
        {
            var sorted = Filling(12);
            var events = new ProgressiveFilling(CountryCaps.From(AllocationCaps.None, 12)) { EventsOnly = true };
            foreach (var filling in new[] { sorted, events })
            {
                filling.Clear();
                for (var i = 0; i < customers.Length; i++)
                {
                    var (tenths, cap, segments) = customers[i];
                    AddCustomer(filling, tenths / 10d, cap == 0 ? long.MaxValue : cap,
                        segments.Select(s => ((long)s.Item1, s.Item2 < 0 ? -1 : i)).ToArray());
                }
                filling.Run(supply, rooms, []);
            }
            for (var i = 0; i < customers.Length; i++)
            {
                Assert.Equal(events.Allocation(i), sorted.Allocation(i), 1e-6);
                for (var s = sorted.FirstSegment(i); s < sorted.EndSegment(i); s++) Assert.Equal(events.SegmentAmount(s), sorted.SegmentAmount(s), 1e-6);
            }
        }, iter: 2000);
    }

    [Fact]
    public void Filling_NeverBreaksSupplyDemandLicenceQuotaOrRatio_InContinuousLots()
    {
        // Customers: weight in tenths, share cap (0: none), segments of (demand, licence -1..1, country index); licences
        // and quotas with random rooms, CN ≤ r × US and MO ≤ r' × DE, and lots placed earlier in the week.
        string[] countries = ["CN", "DE", "MO", "US"];
        var customer = Gen.Select(Gen.Int[1, 30], Gen.Int[0, 40], Gen.Select(Gen.Int[0, 15], Gen.Int[-1, 1], Gen.Int[0, 3]).Array[1, 4]);
        Gen.Select(customer.Array[1, 8], Gen.Int[0, 20].Array[4], Gen.Int[0, 30].Array[2], Gen.Int[0, 10].Array[4], Gen.Int[0, 150])
            .Sample((customers, rooms, tenths, earlier, supply) =>
            {
                var caps = CountryCaps.From(new AllocationCaps(
                    CountryQuota: new Dictionary<string, int> { ["CN"] = rooms[2], ["MO"] = rooms[3] },
                    DestinationRatio: [new DestinationRatio("CN", "US", tenths[0] / 10m), new DestinationRatio("MO", "DE", tenths[1] / 10m)]), 2);
                var filling = new ProgressiveFilling(caps);
                filling.Clear();
                var lots = new long[caps.Countries.Length];
                for (var c = 0; c < countries.Length; c++) lots[caps.IndexOf(countries[c])] = earlier[c];
                // Earlier lots keep every ratio, as the ledger guarantees.
                lots[caps.IndexOf("CN")] = Math.Min(lots[caps.IndexOf("CN")], (long)(tenths[0] / 10m * lots[caps.IndexOf("US")]));
                lots[caps.IndexOf("MO")] = Math.Min(lots[caps.IndexOf("MO")], (long)(tenths[1] / 10m * lots[caps.IndexOf("DE")]));
                var byCountry = RunAndCheck(filling, caps, countries, customers, rooms, lots, supply);
                Assert.True(lots[caps.IndexOf("CN")] + byCountry[0] <= tenths[0] / 10d * (lots[caps.IndexOf("US")] + byCountry[3]) + DrawTolerance, "CN over its ratio");
                Assert.True(lots[caps.IndexOf("MO")] + byCountry[2] <= tenths[1] / 10d * (lots[caps.IndexOf("DE")] + byCountry[1]) + DrawTolerance, "MO over its ratio");
            }, iter: 3000);
    }

    [Fact]
    public void Filling_ACustomerBackOnAFreedRatiosOrders_RisesWithEverybody_AndKeepsItsLimitInTheNextLockstep()
    {
        // CN ≤ 0.3 × US with 9 US and 2 CN lots placed earlier (0.7 of room). A draws on licence L1 (1) to CN, then has a
        // US order under L1 and a CN order under L2 (2); B has US 12, then CN under L0. The ratio binds at λ = 0.714,
        // just as A spends L1: A finds nothing elsewhere and comes back to its CN order, and without it the ratio is free
        // again. A then rises with everybody, binds the ratio once more and holds it in lockstep at pace 0.3 until its
        // L2 order is full (3 in all). B goes on to CN when its US order is full (λ = 8.57) and takes the room its 12 US
        // lots gave: 0.7 + 3.6 − 3 = 1.3. (Left waiting on the free ratio, A was later taken into B's lockstep below
        // its level and ended with 8.15 against 3 in its segments.)
        var caps = CountryCaps.From(new AllocationCaps(DestinationRatio: [new DestinationRatio("CN", "US", 0.3m)]), 3);
        var filling = new ProgressiveFilling(caps);
        filling.Clear();
        filling.AddCustomer(1.4, 10);
        filling.AddSegment(10, 1, caps.IndexOf("CN"));
        filling.AddSegment(7, 1, caps.IndexOf("US"));
        filling.AddSegment(13, 2, caps.IndexOf("CN"));
        filling.AddCustomer(1.4, 22);
        filling.AddSegment(12, -1, caps.IndexOf("US"));
        filling.AddSegment(12, 0, caps.IndexOf("CN"));
        var lots = new long[caps.Countries.Length];
        lots[caps.IndexOf("US")] = 9;
        lots[caps.IndexOf("CN")] = 2;

        filling.Run(60, [10, 1, 2], lots);

        AssertClose([3, 13.3], filling.Allocation(0), filling.Allocation(1));
        AssertClose([1, 0, 2, 12, 1.3], filling.SegmentAmount(0), filling.SegmentAmount(1), filling.SegmentAmount(2), filling.SegmentAmount(3), filling.SegmentAmount(4));
    }

    [Fact]
    public void Filling_HoldsAGroupedRatiosSideInLockstep_CountingEveryMembersEarlierLots()
    {
        // (CN + MO) ≤ 0.5 × US with 40 US and 6 MO lots placed earlier in the week: the side has 14 lots of room. CN and
        // MO rise with DE until they have drawn it (λ = 7) and stay there (US does not rise here); DE takes the rest.
        var caps = CountryCaps.From(new AllocationCaps(DestinationRatio: [new DestinationRatio("CN", "US", 0.5m, ["MO"])]), 0);
        var filling = new ProgressiveFilling(caps);
        filling.Clear();
        AddCustomer(filling, 1, long.MaxValue, caps, (100, "CN"));
        AddCustomer(filling, 1, long.MaxValue, caps, (100, "MO"));
        AddCustomer(filling, 1, long.MaxValue, caps, (100, "DE"));
        var lots = new long[caps.Countries.Length];
        lots[caps.IndexOf("US")] = 40;
        lots[caps.IndexOf("MO")] = 6;

        filling.Run(100, [], lots);

        AssertClose([7, 7, 86], filling.Allocation(0), filling.Allocation(1), filling.Allocation(2));
    }

    [Fact]
    public void Filling_HoldsAGroupedSideAtTheRatio_WithUnequalWeightsAndAMemberLeaving()
    {
        // (CN + MO) ≤ 0.5 × US, weights CN 2, MO 1, MO wanting 2: the side shares 0.5 λ as 2 μ + μ until MO leaves at
        // μ = 2 (λ = 12); then CN alone holds 0.5 λ − 2. US and DE: 2 λ + 0.5 λ = 100, λ = 40: CN 18, MO 2.
        var caps = CountryCaps.From(new AllocationCaps(DestinationRatio: [new DestinationRatio("CN", "US", 0.5m, ["MO"])]), 0);
        var filling = new ProgressiveFilling(caps);
        filling.Clear();
        AddCustomer(filling, 2, long.MaxValue, caps, (100, "CN"));
        AddCustomer(filling, 1, long.MaxValue, caps, (2, "MO"));
        AddCustomer(filling, 1, long.MaxValue, caps, (100, "US"));
        AddCustomer(filling, 1, long.MaxValue, caps, (100, "DE"));

        filling.Run(100, [], new long[caps.Countries.Length]);

        AssertClose([18, 2, 40, 40], filling.Allocation(0), filling.Allocation(1), filling.Allocation(2), filling.Allocation(3));
    }

    [Fact]
    public void Filling_NeverBreaksAGroupedRatio_InContinuousLots()
    {
        // As above, with (CN + MO) ≤ r × US and DE ≤ r' × US: customers with segments to any of the four countries
        // (so some to both countries of the side), licences and quotas on CN and MO, and lots placed earlier in the week.
        string[] countries = ["CN", "DE", "MO", "US"];
        var customer = Gen.Select(Gen.Int[1, 30], Gen.Int[0, 40], Gen.Select(Gen.Int[0, 15], Gen.Int[-1, 1], Gen.Int[0, 3]).Array[1, 4]);
        Gen.Select(customer.Array[1, 8], Gen.Int[0, 20].Array[4], Gen.Int[0, 30].Array[2], Gen.Int[0, 10].Array[4], Gen.Int[0, 150])
            .Sample((customers, rooms, tenths, earlier, supply) =>
            {
                var caps = CountryCaps.From(new AllocationCaps(
                    CountryQuota: new Dictionary<string, int> { ["CN"] = rooms[2], ["MO"] = rooms[3] },
                    DestinationRatio: [new DestinationRatio("CN", "US", tenths[0] / 10m, ["MO"]), new DestinationRatio("DE", "US", tenths[1] / 10m)]), 2);
                var filling = new ProgressiveFilling(caps);
                filling.Clear();
                var lots = new long[caps.Countries.Length];
                for (var c = 0; c < countries.Length; c++) lots[caps.IndexOf(countries[c])] = earlier[c];
                // Earlier lots keep every ratio, as the ledger guarantees: the side's allowance goes to CN first.
                var side = (long)(tenths[0] / 10m * lots[caps.IndexOf("US")]);
                lots[caps.IndexOf("CN")] = Math.Min(lots[caps.IndexOf("CN")], side);
                lots[caps.IndexOf("MO")] = Math.Min(lots[caps.IndexOf("MO")], side - lots[caps.IndexOf("CN")]);
                lots[caps.IndexOf("DE")] = Math.Min(lots[caps.IndexOf("DE")], (long)(tenths[1] / 10m * lots[caps.IndexOf("US")]));
                var byCountry = RunAndCheck(filling, caps, countries, customers, rooms, lots, supply);
                var us = lots[caps.IndexOf("US")] + byCountry[3];
                Assert.True(lots[caps.IndexOf("CN")] + byCountry[0] + lots[caps.IndexOf("MO")] + byCountry[2] <= tenths[0] / 10d * us + DrawTolerance,
                    "CN + MO over their ratio");
                Assert.True(lots[caps.IndexOf("DE")] + byCountry[1] <= tenths[1] / 10d * us + DrawTolerance, "DE over its ratio");
            }, iter: 3000);
    }

    // The property tests' slack: sums over many segments of a continuous filling drift by more than Tolerance.
    private const double DrawTolerance = 1e-6;

    /// <summary>
    /// Adds the customers, runs the filling and checks what every filling must keep (segments within demand, customers
    /// within their share caps, licences and quotas within their rooms, the total within supply); returns what each
    /// country drew, for the caller's ratio checks.
    /// </summary>
    private static double[] RunAndCheck(ProgressiveFilling filling, CountryCaps caps, string[] countries,
        (int Weight, int Cap, (int Demand, int Licence, int Country)[] Segments)[] customers, int[] rooms, long[] lots, int supply)
    {
        foreach (var (weight, cap, segments) in customers)
        {
            filling.AddCustomer(weight / 10d, cap == 0 ? long.MaxValue : cap);
            foreach (var (demand, licence, country) in segments) filling.AddSegment(demand, licence, caps.IndexOf(countries[country]));
        }
        var room = new[] { rooms[0], rooms[1], rooms[2], rooms[3] };
        filling.Run(supply, room, lots);

        var drawn = new double[caps.SharedCapCount];
        var byCountry = new double[countries.Length];
        double total = 0;
        for (var i = 0; i < customers.Length; i++)
        {
            var (_, cap, segments) = customers[i];
            double sum = 0;
            for (var n = 0; n < segments.Length; n++)
            {
                var amount = filling.SegmentAmount(filling.FirstSegment(i) + n);
                var (demand, licence, country) = segments[n];
                Assert.InRange(amount, -DrawTolerance, demand + DrawTolerance);
                if (licence >= 0) drawn[licence] += amount;
                if (caps.QuotaCap[caps.IndexOf(countries[country])] is var quota and >= 0) drawn[quota] += amount;
                byCountry[country] += amount;
                sum += amount;
            }
            Assert.Equal(sum, filling.Allocation(i), DrawTolerance);
            if (cap > 0) Assert.True(sum <= cap + DrawTolerance, $"customer {i} over its cap");
            total += sum;
        }
        Assert.True(total <= supply + DrawTolerance, "over the supply");
        for (var cap = 0; cap < drawn.Length; cap++) Assert.True(drawn[cap] <= room[cap] + DrawTolerance, $"cap {cap} overdrawn: {drawn[cap]} of {room[cap]}");
        return byCountry;
    }

    private static void AssertClose(double[] expected, params double[] actual) =>
        Assert.Equal(expected, actual, EqualityComparer<double>.Create((x, y) => Math.Abs(x - y) <= 1e-6));

    private static ProgressiveFilling Filling(int licences) => new(CountryCaps.From(AllocationCaps.None, licences));

    private static (ProgressiveFilling, CountryCaps) WithRatio(string destination, string relativeTo, decimal maxRatio)
    {
        var caps = CountryCaps.From(new AllocationCaps(DestinationRatio: [new DestinationRatio(destination, relativeTo, maxRatio)]), 0);
        var filling = new ProgressiveFilling(caps);
        filling.Clear();
        return (filling, caps);
    }

    private static int AddCustomer(ProgressiveFilling filling, double weight, long cap, CountryCaps caps, params (long Demand, string To)[] segments)
    {
        var customer = filling.AddCustomer(weight, cap);
        foreach (var (demand, to) in segments) filling.AddSegment(demand, licence: -1, caps.IndexOf(to));
        return customer;
    }

    private static int AddCustomer(ProgressiveFilling filling, double weight, long cap, params (long Demand, int Licence)[] segments)
    {
        var customer = filling.AddCustomer(weight, cap);
        foreach (var (demand, licence) in segments) filling.AddSegment(demand, licence, country: -1);
        return customer;
    }
}
