using System.Globalization;
using SupplyGrains.Domain.Orders;

namespace SupplyGrains.Domain.Allocation.Reallocation;

/// <summary>
/// A <see cref="ReallocationProblem"/> checked and put in one canonical order, so that the plan does not depend on the
/// order its input arrived in: orders by id, confirmations merged per (order, week, run, licence) and sorted in the
/// order they give units back (latest week first, then the lower priority tier, then order id, run and licence).
/// </summary>
internal sealed class ReallocationBook
{
    private ReallocationBook(
        ReallocationProblem problem, OrderHolding[] orders, string[] customerIds, int[] orderCustomer, IsoWeek[] weeks,
        bool[] inLedger, long[] produced, HeldConfirmation[] held, int[] winOrders)
    {
        FromWeek = problem.FromWeek;
        ToWeek = problem.ToWeek;
        LotSize = problem.LotSize;
        Orders = orders;
        CustomerIds = customerIds;
        OrderCustomer = orderCustomer;
        CustomerTier = new int[customerIds.Length];
        CustomerWeight = new decimal[customerIds.Length];
        for (var o = 0; o < orders.Length; o++)
        {
            CustomerTier[orderCustomer[o]] = orders[o].Tier;
            CustomerWeight[orderCustomer[o]] = orders[o].Weight;
        }
        Weeks = weeks;
        InLedger = inLedger;
        Produced = produced;
        Held = held;
        WinOrders = winOrders;
        LicenseRemaining = problem.LicenseRemaining.ToDictionary(StringComparer.Ordinal);
    }

    public IsoWeek FromWeek { get; }

    public IsoWeek ToWeek { get; }

    public int LotSize { get; }

    /// <summary>The orders by ordinal id.</summary>
    public OrderHolding[] Orders { get; }

    /// <summary>The customers by ordinal id; a customer's index is its place here.</summary>
    public string[] CustomerIds { get; }

    public int[] OrderCustomer { get; }

    /// <summary>Each customer's tier and weight (its orders agree on them).</summary>
    public int[] CustomerTier { get; }

    public decimal[] CustomerWeight { get; }

    /// <summary>Every week with production, a confirmation or a Win order's first week in the run, ascending.</summary>
    public IsoWeek[] Weeks { get; }

    /// <summary>Whether the week is in the product line's ledger (something produced or confirmed), by the index of <see cref="Weeks"/>.</summary>
    public bool[] InLedger { get; }

    /// <summary>Units produced per week, by the index of <see cref="Weeks"/>.</summary>
    public long[] Produced { get; }

    /// <summary>Every confirmation, in the order confirmations give units back (latest week first).</summary>
    public HeldConfirmation[] Held { get; }

    /// <summary>Win orders with unconfirmed demand they may get in the run, by first week, tier, requested week and id.</summary>
    public int[] WinOrders { get; }

    public Dictionary<string, int> LicenseRemaining { get; }

    /// <summary>The week a Win order's unconfirmed demand counts in: its requested week, or the run's first if that is later.</summary>
    public IsoWeek FirstWeekInRun(OrderHolding order) => IsoWeek.Max(order.RequestedWeek, FromWeek);

    /// <exception cref="DomainValidationException">Every field that breaks a rule, named as in the request (e.g. <c>orders[2].confirmations[0].quantity</c>).</exception>
    public static ReallocationBook From(ReallocationProblem problem)
    {
        if (problem is null) throw new DomainValidationException("body", "is required");
        var errors = new Errors();
        Validate(problem, errors);
        errors.ThrowIfAny();

        var orders = problem.Orders.OrderBy(o => o.OrderId, StringComparer.Ordinal).ToArray();
        var customerIds = orders.Select(o => o.CustomerId).Distinct().Order(StringComparer.Ordinal).ToArray();
        var orderCustomer = orders.Select(o => Array.BinarySearch(customerIds, o.CustomerId, StringComparer.Ordinal)).ToArray();

        var winOrders = Enumerable.Range(0, orders.Length)
            .Where(o => orders[o].ConfirmationClass == ConfirmationClass.Win && orders[o].Unconfirmed > 0
                && IsoWeek.Max(orders[o].RequestedWeek, problem.FromWeek) <= problem.ToWeek)
            .ToArray();
        var ledgerWeeks = problem.Produced.Keys.Concat(orders.SelectMany(o => o.Confirmations).Select(c => c.Week)).ToHashSet();
        var weeks = ledgerWeeks
            .Concat(winOrders.Select(o => IsoWeek.Max(orders[o].RequestedWeek, problem.FromWeek)))
            .Distinct().Order().ToArray();
        var produced = weeks.Select(w => (long)problem.Produced.GetValueOrDefault(w)).ToArray();

        var held = orders
            .SelectMany((order, index) => order.Confirmations
                .GroupBy(c => (c.Week, c.RunId, c.LicenseId))
                .Select(g => new HeldConfirmation(index, order.ConfirmationClass, g.Key.Week, Array.BinarySearch(weeks, g.Key.Week),
                    g.Sum(c => (long)c.Quantity), g.Key.RunId, g.Key.LicenseId)))
            .Where(h => h.Quantity > 0)
            .OrderByDescending(h => h.Week)
            .ThenByDescending(h => orders[h.Order].Tier)
            .ThenBy(h => h.Order)
            .ThenBy(h => h.RunId, StringComparer.Ordinal)
            .ThenBy(h => h.LicenseId, StringComparer.Ordinal)
            .ToArray();

        winOrders = [.. winOrders
            .OrderBy(o => IsoWeek.Max(orders[o].RequestedWeek, problem.FromWeek))
            .ThenBy(o => orders[o].Tier)
            .ThenBy(o => orders[o].RequestedWeek)
            .ThenBy(o => o)];
        return new ReallocationBook(problem, orders, customerIds, orderCustomer, weeks, [.. weeks.Select(ledgerWeeks.Contains)], produced, held, winOrders);
    }

    private static void Validate(ReallocationProblem problem, Errors errors)
    {
        var lot = problem.LotSize;
        if (lot < 1) errors.Add("lotSize", "must be at least 1");
        if (problem.ToWeek < problem.FromWeek) errors.Add("toWeek", "must not be before fromWeek");
        if (problem.Produced is null) errors.Add("produced", "is required");
        else
        {
            foreach (var (week, units) in problem.Produced.Where(p => p.Value < 0).OrderBy(p => p.Key))
                errors.Add($"produced[{week}]", $"must not be negative ({units})");
        }
        if (problem.LicenseRemaining is null) errors.Add("licenseRemaining", "is required");
        else
        {
            foreach (var (licence, units) in problem.LicenseRemaining.Where(l => l.Value < 0).OrderBy(l => l.Key, StringComparer.Ordinal))
                errors.Add($"licenseRemaining[{licence}]", $"must not be negative ({units})");
        }
        if (problem.Orders is null)
        {
            errors.Add("orders", "is required");
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var customers = new Dictionary<string, (int Tier, decimal Weight)>(StringComparer.Ordinal);
        for (var i = 0; i < problem.Orders.Count; i++)
        {
            var order = problem.Orders[i];
            var field = $"orders[{i}]";
            if (order is null)
            {
                errors.Add(field, "is required");
                continue;
            }
            if (string.IsNullOrWhiteSpace(order.OrderId)) errors.Add($"{field}.orderId", "must not be empty");
            else if (!seen.Add(order.OrderId)) errors.Add($"{field}.orderId", $"order '{order.OrderId}' appears more than once");
            if (string.IsNullOrWhiteSpace(order.CustomerId)) errors.Add($"{field}.customerId", "must not be empty");
            if (order.Weight <= 0) errors.Add($"{field}.weight", $"must be positive ({order.Weight.ToString(CultureInfo.InvariantCulture)})");
            if (!string.IsNullOrWhiteSpace(order.CustomerId) && order.Weight > 0)
            {
                // The customer is the unit of fairness: its orders must agree on who it is.
                if (!customers.TryAdd(order.CustomerId, (order.Tier, order.Weight)))
                {
                    var known = customers[order.CustomerId];
                    if (known.Tier != order.Tier) errors.Add($"{field}.tier", $"customer '{order.CustomerId}' is in tier {known.Tier} on another order");
                    if (known.Weight != order.Weight)
                        errors.Add($"{field}.weight", $"customer '{order.CustomerId}' has weight {known.Weight.ToString(CultureInfo.InvariantCulture)} on another order");
                }
            }
            if (!Enum.IsDefined(order.ConfirmationClass))
                errors.Add($"{field}.confirmationClass", $"'{order.ConfirmationClass}' is not a confirmation class (Win, Gain, Redistribute, Fill, Lose)");
            RequireWholeLots(errors, $"{field}.unconfirmed", order.Unconfirmed, lot);
            if (order.Confirmations is null)
            {
                errors.Add($"{field}.confirmations", "is required");
                continue;
            }
            for (var j = 0; j < order.Confirmations.Count; j++)
            {
                var confirmation = order.Confirmations[j];
                var at = $"{field}.confirmations[{j}]";
                if (confirmation is null)
                {
                    errors.Add(at, "is required");
                    continue;
                }
                RequireWholeLots(errors, $"{at}.quantity", confirmation.Quantity, lot);
                if (string.IsNullOrWhiteSpace(confirmation.RunId)) errors.Add($"{at}.runId", "must not be empty");
            }
        }
    }

    private static void RequireWholeLots(Errors errors, string field, int quantity, int lot)
    {
        if (quantity < 0) errors.Add(field, $"must not be negative ({quantity})");
        else if (lot >= 1 && quantity % lot != 0) errors.Add(field, $"must be a whole number of lots of {lot} ({quantity})");
    }

    /// <summary>Every broken rule of the input, so one exception names them all.</summary>
    private sealed class Errors
    {
        private readonly Dictionary<string, List<string>> _byField = new(StringComparer.Ordinal);

        public void Add(string field, string message)
        {
            if (!_byField.TryGetValue(field, out var messages)) _byField[field] = messages = [];
            messages.Add(message);
        }

        public void ThrowIfAny()
        {
            if (_byField.Count > 0) throw new DomainValidationException(_byField.ToDictionary(e => e.Key, e => e.Value.ToArray()));
        }
    }
}
