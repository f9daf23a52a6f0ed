using System.Globalization;
using System.Text;
using CsCheck;
using SupplyGrains.Domain.Allocation.Reallocation;
using SupplyGrains.Domain.Orders;

namespace SupplyGrains.Domain.Tests.Reallocation;

/// <summary>
/// Random ledgers for the property tests: 1–6 weeks of production (often less than what is committed), up to five
/// customers in tiers 1–3 with weights, up to twelve orders of any class holding whole-lot confirmations in any week
/// (some from several runs or on licences), Win orders with unconfirmed demand, and a run range that may leave weeks
/// before and after it.
/// </summary>
internal static class RandomLedgers
{
    private static readonly Gen<(int Tier, decimal Weight)> Customer = Gen.Select(Gen.Int[1, 3], Gen.Int[1, 30].Select(tenths => tenths / 10m));

    private static readonly Gen<(int Week, int Lots, int Run, int Licence)> Confirmation =
        Gen.Select(Gen.Int[0, 5], Gen.Int[0, 5], Gen.Int[0, 1], Gen.Int[-1, 1]);

    private static Gen<(int Customer, ConfirmationClass Class, (int Week, int Lots, int Run, int Licence)[] Confirmations, int Unconfirmed, int Requested, int Licence)> Order(
        Gen<ConfirmationClass> confirmationClass, Gen<int> unconfirmedLots) =>
        Gen.Select(Gen.Int[0, 4], confirmationClass, Confirmation.Array[0, 3], unconfirmedLots, Gen.Int[-1, 6], Gen.Int[-1, 2]);

    /// <summary>Every class alike; a third of the orders still want units.</summary>
    public static readonly Gen<ReallocationProblem> Problems =
        Ledgers(Gen.Enum<ConfirmationClass>(), Gen.Frequency((2, Gen.Const(0)), (1, Gen.Int[1, 6])));

    /// <summary>Mostly Win orders that still want units, so that Win takes room, reservations shrink and weeks after the run bind.</summary>
    public static readonly Gen<ReallocationProblem> WinHeavy = Ledgers(
        Gen.Frequency((4, Gen.Const(ConfirmationClass.Win)), (1, Gen.Enum<ConfirmationClass>())),
        Gen.Frequency((1, Gen.Const(0)), (3, Gen.Int[1, 6])));

    private static Gen<ReallocationProblem> Ledgers(Gen<ConfirmationClass> confirmationClass, Gen<int> unconfirmedLots) =>
        from lot in Gen.Int[1, 4]
        from weekCount in Gen.Int[1, 6]
        from first in Gen.Int[0, weekCount - 1]
        from last in Gen.Int[first, weekCount]
        from customers in Customer.Array[1, 5]
        from produced in Gen.Int[0, 40].Array[weekCount]
        from orders in Order(confirmationClass, unconfirmedLots).Array[0, 12]
        from licences in Gen.Int[0, 25].Array[2]
        select new ReallocationProblem(
            Ledger.Week(first),
            Ledger.Week(last),
            lot,
            // A week that produces nothing is sometimes left out of the dictionary, which must mean zero.
            produced.Select((units, i) => (Week: Ledger.Week(i), Units: units)).Where(x => x.Units != 0 || x.Week.Ordinal % 2 == 0)
                .ToDictionary(x => x.Week, x => x.Units),
            orders.Select((o, i) =>
            {
                var customer = o.Customer % customers.Length;
                return new OrderHolding(
                    $"o{i:00}", $"c{customer}", customers[customer].Tier, customers[customer].Weight, o.Class,
                    o.Confirmations.Select(c => new Confirmation(Ledger.Week(c.Week % weekCount), c.Lots * lot, $"run-{c.Run}",
                        c.Licence >= 0 ? $"lic-{c.Licence}" : null)).ToList(),
                    Ledger.Week(o.Requested), o.Unconfirmed * lot, o.Licence >= 0 ? $"lic-{o.Licence}" : null);
            }).ToList(),
            // lic-2 is never in the dictionary: a licence the run knows nothing of covers nothing.
            licences.Select((units, i) => (Id: $"lic-{i}", Units: units)).ToDictionary(x => x.Id, x => x.Units));

    /// <summary>The same ledgers with production raised so that no week is over-committed.</summary>
    public static readonly Gen<ReallocationProblem> Balanced = Problems.Select(problem =>
    {
        var committed = problem.Orders.SelectMany(o => o.Confirmations).Sum(c => c.Quantity);
        var first = problem.Orders.SelectMany(o => o.Confirmations).Select(c => c.Week).Append(Ledger.Week1).Min();
        var produced = problem.Produced.ToDictionary();
        produced[first] = produced.GetValueOrDefault(first) + committed;
        return problem with { Produced = produced };
    });

    /// <summary>A failing ledger written out so it can be read and turned into a unit test.</summary>
    public static string Describe(ReallocationProblem problem)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{problem.FromWeek}..{problem.ToWeek} lot {problem.LotSize}\n");
        text.Append("produced: ").AppendJoin(", ", problem.Produced.OrderBy(p => p.Key).Select(p => $"{p.Key}={p.Value}")).Append('\n');
        text.Append("licences: ").AppendJoin(", ", problem.LicenseRemaining.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}")).Append('\n');
        foreach (var o in problem.Orders)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"{o.OrderId} {o.CustomerId} tier {o.Tier} w {o.Weight} {o.ConfirmationClass} wants {o.Unconfirmed} from {o.RequestedWeek} licence {o.LicenseId}: ");
            text.AppendJoin(", ", o.Confirmations.Select(c => $"{c.Week}={c.Quantity} ({c.RunId}, {c.LicenseId})")).Append('\n');
        }
        return text.ToString();
    }

    /// <summary>Everything a plan says, as text, so two plans can be compared whole.</summary>
    public static string Fingerprint(ReallocationPlan plan)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"reallocation {plan.IsReallocation}; excluded {string.Join(",", plan.ExcludedFromAllocation)}\n");
        foreach (var t in plan.Takebacks) text.Append(t).Append('\n');
        foreach (var r in plan.Reservations) text.Append(r).Append('\n');
        foreach (var w in plan.Weeks) text.Append(w).Append('\n');
        return text.ToString();
    }
}
