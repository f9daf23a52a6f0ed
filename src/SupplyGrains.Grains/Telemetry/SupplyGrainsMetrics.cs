using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using SupplyGrains.Domain;
using SupplyGrains.Domain.Compliance;
using SupplyGrains.Domain.Orders;

namespace SupplyGrains.Grains.Telemetry;

/// <summary>
/// The contract metrics of SPEC §5. Gauges describe grains, so each grain publishes its figures here while it is
/// active on this silo and withdraws them when it deactivates: a series is reported by the silo that hosts the
/// grain, once per cluster. Labels are bounded (product lines, statuses, gates, reasons) — never an order id.
/// </summary>
public sealed class SupplyGrainsMetrics
{
    public const string MeterName = "SupplyGrains";

    private readonly ConcurrentDictionary<string, SupplyFigures> _supply = new();
    private readonly ConcurrentDictionary<string, BookFigures> _books = new();
    private readonly Counter<long> _gateDecisions;
    private readonly Counter<long> _runs;
    private readonly Histogram<double> _runDuration;
    private readonly Counter<long> _reevaluations;
    private readonly Counter<long> _reevaluatedOrders;
    private readonly TimeProvider _clock;

    public SupplyGrainsMetrics(IMeterFactory meterFactory, TimeProvider? clock = null)
    {
        _clock = clock ?? TimeProvider.System;
        var meter = meterFactory.Create(MeterName);
        _reevaluations = meter.CreateCounter<long>("supplygrains.reevaluations", description: "Re-evaluations of open orders completed, by what started them (policy, customer, preview).");
        _reevaluatedOrders = meter.CreateCounter<long>("supplygrains.reevaluated_orders", description: "Orders re-decided by re-evaluations, by scope and whether their status or reasons changed.");
        meter.CreateObservableGauge("supplygrains.horizon_units", ObserveHorizons,
            description: "By the end of the next 4, 13 and 26 weeks: units produced (supply), committed, and requested by approved orders (demand), per product line.");
        _gateDecisions = meter.CreateCounter<long>("supplygrains.gate_decisions", description: "Gate decisions recorded on orders, by gate, outcome and reason.");
        _runs = meter.CreateCounter<long>("supplygrains.allocation_runs", description: "Allocation runs by product line, mode and result.");
        _runDuration = meter.CreateHistogram("supplygrains.allocation_run_duration", unit: "s",
            description: "Time to compute an allocation run.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = RunDurationBuckets });
        meter.CreateObservableGauge("supplygrains.supply_units", () => _supply.Select(p => Tagged(p.Value.Produced, p.Key)),
            description: "Units produced over the ledger of a product line.");
        meter.CreateObservableGauge("supplygrains.committed_units", () => _supply.Select(p => Tagged(p.Value.Committed, p.Key)),
            description: "Units committed to orders by allocation runs.");
        meter.CreateObservableGauge("supplygrains.overcommitments", () => _supply.Select(p => Tagged(p.Value.OverCommittedWeeks, p.Key)),
            description: "Weeks of a product line's ledger where more is committed than the supply up to then covers.");
        meter.CreateObservableGauge("supplygrains.demand_units", () => _books.SelectMany(b => b.Value.UnitsByStatus.Select(s => Tagged(s.Value, b.Key, s.Key))),
            description: "Units ordered, by product line and order status.");
        meter.CreateObservableGauge("supplygrains.orders", () => _books.SelectMany(b => b.Value.OrdersByStatus.Select(s => Tagged(s.Value, b.Key, s.Key))),
            description: "Orders by product line and status.");
        meter.CreateObservableGauge("supplygrains.fill_ratio", () => _books.Select(b => new Measurement<double>(b.Value.FillRatio, new KeyValuePair<string, object?>("product_line", b.Key))),
            description: "Committed units over the units of approved orders.");
    }

    /// <summary>1 ms to 30 s: runs take milliseconds on small books and seconds on a million orders.</summary>
    public static readonly double[] RunDurationBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    public void GateDecided(Gate gate, GateOutcome outcome, string? reason) =>
        _gateDecisions.Add(1, new("gate", EnumNames<Gate>.Of(gate)), new("outcome", EnumNames<GateOutcome>.Of(outcome)), new("reason", reason ?? "none"));

    public void RunFinished(string productLine, string strategy, string mode, string result, TimeSpan duration)
    {
        _runs.Add(1, new("product_line", productLine), new("strategy", strategy), new("mode", mode), new("result", result));
        _runDuration.Record(duration.TotalSeconds, new("product_line", productLine), new("strategy", strategy), new("mode", mode));
    }

    /// <summary>A re-evaluation finished: <paramref name="scope"/> is bounded (policy, customer, preview), never the free-text trigger.</summary>
    public void ReevaluationFinished(string scope, long unchanged, long changed)
    {
        _reevaluations.Add(1, new KeyValuePair<string, object?>("scope", scope));
        _reevaluatedOrders.Add(unchanged, new("scope", scope), new("changed", "false"));
        _reevaluatedOrders.Add(changed, new("scope", scope), new("changed", "true"));
    }

    /// <summary>The product line's ledger, week by week (produced and committed); totals and horizons are derived when scraped.</summary>
    public void ReportSupply(string productLine, IReadOnlyList<(IsoWeek Week, long Produced, long Committed)> weeks, long overCommittedWeeks) =>
        _supply[productLine] = new(weeks.Sum(w => w.Produced), weeks.Sum(w => w.Committed), overCommittedWeeks, weeks);

    public void WithdrawSupply(string productLine) => _supply.TryRemove(productLine, out _);

    public void ReportBook(string productLine, BookFigures figures) => _books[productLine] = figures;

    public void WithdrawBook(string productLine) => _books.TryRemove(productLine, out _);

    private static Measurement<long> Tagged(long value, string productLine, OrderStatus? status = null) => status is null
        ? new(value, new KeyValuePair<string, object?>("product_line", productLine))
        : new(value, new KeyValuePair<string, object?>("product_line", productLine), new("status", EnumNames<OrderStatus>.Of(status.Value)));

    /// <summary>The horizons the dashboards compare supply, commitments and demand over, in weeks from the current one.</summary>
    public static readonly int[] HorizonWeeks = [4, 13, 26];

    // Cumulative to the horizon's end (the current week plus h − 1): what will have been produced, committed and asked
    // for by then, so a planner sees whether supply covers demand in time. Overdue demand counts in every horizon.
    private IEnumerable<Measurement<long>> ObserveHorizons()
    {
        var now = IsoWeek.Containing(_clock.GetUtcNow());
        foreach (var horizon in HorizonWeeks)
        {
            var end = now.AddWeeks(horizon - 1);
            var label = horizon.ToString(System.Globalization.CultureInfo.InvariantCulture);
            foreach (var (productLine, supply) in _supply)
            {
                yield return Horizon(supply.Weeks.Where(w => w.Week <= end).Sum(w => w.Produced), productLine, label, "supply");
                yield return Horizon(supply.Weeks.Where(w => w.Week <= end).Sum(w => w.Committed), productLine, label, "committed");
            }
            foreach (var (productLine, book) in _books)
                yield return Horizon(book.ApprovedUnitsByWeek.Where(w => w.Key <= end).Sum(w => w.Value), productLine, label, "demand");
        }
    }

    private static Measurement<long> Horizon(long units, string productLine, string horizon, string measure) =>
        new(units, new("product_line", productLine), new("horizon_weeks", horizon), new("measure", measure));

    private sealed record SupplyFigures(long Produced, long Committed, long OverCommittedWeeks, IReadOnlyList<(IsoWeek Week, long Produced, long Committed)> Weeks);
}
