using SupplyGrains.Domain.Allocation.Reallocation;
using SupplyGrains.Domain.Orders;

namespace SupplyGrains.Domain.Tests.Reallocation;

/// <summary>Re-allocation problems in a few words: production per week from <see cref="Week1"/>, orders with plain defaults.</summary>
internal static class Ledger
{
    public static readonly IsoWeek Week1 = IsoWeek.Parse("2026-W10");

    public static IsoWeek Week(int index) => Week1.AddWeeks(index);

    public static Confirmation Confirmed(int week, int quantity, string run = "run-1", string? licence = null) =>
        new(Week(week), quantity, run, licence);

    public static OrderHolding Order(
        string orderId, string customerId, ConfirmationClass confirmationClass, params Confirmation[] confirmations) =>
        new(orderId, customerId, 1, 1m, confirmationClass, confirmations, Week1);

    public static ReallocationProblem Problem(
        int[] produced, IEnumerable<OrderHolding> orders, int lotSize = 10, int fromWeek = 0, int? toWeek = null,
        IReadOnlyDictionary<string, int>? licences = null) =>
        new(Week(fromWeek), Week(toWeek ?? produced.Length - 1), lotSize,
            produced.Select((units, i) => (Week: Week(i), Units: units)).ToDictionary(x => x.Week, x => x.Units),
            orders.ToList(), licences ?? new Dictionary<string, int>());

    public static int TakenBack(this ReallocationPlan plan, string orderId, TakebackCause? cause = null, int? week = null) =>
        plan.Takebacks.Where(t => t.OrderId == orderId && (cause is null || t.Cause == cause) && (week is null || t.Week == Week(week.Value)))
            .Sum(t => t.Quantity);

    public static PlannedWeek At(this ReallocationPlan plan, int week) => plan.Weeks.Single(w => w.Week == Week(week));
}
