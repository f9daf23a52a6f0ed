using Google.OrTools.LinearSolver;

namespace SupplyGrains.Allocation.Oracle.Tests;

/// <summary>
/// The exact weighted lexicographic max-min allocation of one group of customers, by iterated linear programming
/// with OR-Tools' GLOP: the textbook definition that the engine's progressive filling is meant to compute, solved by
/// a method that shares no code or idea of the engine's beyond the definition.
/// </summary>
/// <remarks>
/// <para>
/// Variables: y_r, the lots of each route (0 ≤ y_r ≤ its demand), and the level t. Rows: supply (Σ y ≤ S), one per
/// licence (Σ y over its routes ≤ room), one per capped destination (country quota), one per group of destinations
/// capped together (a ratio turned into a cap on its destination side: Σ y over the routes to any of them ≤ room),
/// one per customer with a share cap (Σ y over its routes ≤ cap), and one level row per customer,
/// Σ y over its routes − w_c·t ≥ 0.
/// </para>
/// <para>
/// Stage k maximises t over the unfrozen customers. A customer c whose level row has a non-zero dual value at the
/// optimum is tight in every optimal solution (complementary slackness holds between any optimal primal and any
/// optimal dual), so it cannot exceed w_c·t* while every other unfrozen customer keeps w_d·t*: it is frozen there,
/// its row becomes Σ y ≥ w_c·t* (it cannot rise any more, so a lower bound keeps it exactly there and is gentler
/// on the solver than an equality; the bound is eased by a relative 1e-9 so that the solver's own rounding of t*
/// can never make the next stage infeasible). Because t has objective coefficient 1, Σ w_c·dual_c = 1, so every stage
/// freezes at least one customer and there are at most as many LPs as customers. A customer that is stuck but
/// whose dual happens to be zero (a degenerate optimum) is not lost: the next stage finds the same t* and freezes
/// it then. This is why duals were chosen over one LP per candidate: one LP per stage rather than one per unfrozen
/// customer, which is what lets the oracle run on the benchmark's 10k-order book. <see cref="FreezeRule.PerCandidate"/>
/// is kept as the slow, obviously-correct rule; a test checks the two agree, and it is the fallback if rounding in
/// the solver ever leaves no dual clearly positive.
/// </para>
/// </remarks>
public static class MaxMinOracle
{
    private const double DualTolerance = 1e-9;
    private const double LevelTolerance = 1e-9;

    // Holding t at t*(1 − 1e-9) lets every other customer give back a hair, which a candidate may pick up: "cannot
    // rise" therefore means "cannot rise by more than a ten-millionth of its level", far below any lot.
    private const double CandidateTolerance = 1e-7;

    public static FairShares Share(SharingProblem problem, FreezeRule rule = FreezeRule.Duals)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var customers = problem.Weights.Count;
        var routes = problem.Routes;
        using var solver = Solver.CreateSolver("GLOP") ?? throw new InvalidOperationException("OR-Tools has no GLOP solver here.");
        var level = solver.MakeNumVar(0, double.PositiveInfinity, "t");

        var y = new Variable[routes.Count];
        var reach = new double[customers];
        for (var r = 0; r < routes.Count; r++)
        {
            var route = routes[r];
            var open = route.Licence is null || problem.LicenceRoomLots.ContainsKey(route.Licence);
            y[r] = solver.MakeNumVar(0, open ? Math.Max(0, route.DemandLots) : 0, $"y{r}");
            if (open) reach[route.Customer] += Math.Max(0, route.DemandLots);
        }

        var byLicence = Enumerable.Range(0, routes.Count).Where(r => routes[r].Licence is not null).ToLookup(r => routes[r].Licence!);
        var byDestination = Enumerable.Range(0, routes.Count).ToLookup(r => routes[r].Destination);
        var byCustomer = Enumerable.Range(0, routes.Count).ToLookup(r => routes[r].Customer);
        AddSumRow(solver, "supply", problem.SupplyLots, Enumerable.Range(0, routes.Count), y);
        foreach (var (licence, room) in problem.LicenceRoomLots) AddSumRow(solver, $"licence {licence}", room, byLicence[licence], y);
        foreach (var (destination, room) in problem.DestinationRoomLots)
            AddSumRow(solver, $"destination {destination}", room, byDestination[destination], y);
        foreach (var group in problem.DestinationGroupRoomLots ?? [])
            AddSumRow(solver, $"destinations {string.Join("+", group.Destinations)}", group.RoomLots, group.Destinations.Distinct().SelectMany(d => byDestination[d]), y);

        var rows = new Constraint[customers];
        var frozen = new bool[customers];
        var unfrozen = 0;
        for (var c = 0; c < customers; c++)
        {
            var own = byCustomer[c];
            if (!double.IsPositiveInfinity(problem.ShareCapLots[c])) AddSumRow(solver, $"share {c}", problem.ShareCapLots[c], own, y);
            rows[c] = solver.MakeConstraint(0, double.PositiveInfinity, $"level {c}");
            foreach (var r in own) rows[c].SetCoefficient(y[r], 1);
            // A customer that can hold nothing is frozen at zero before the first LP: exact, and one stage fewer.
            if (reach[c] <= 0 || problem.ShareCapLots[c] <= 0) frozen[c] = true;
            else
            {
                rows[c].SetCoefficient(level, -problem.Weights[c]);
                unfrozen++;
            }
        }
        solver.Objective().SetCoefficient(level, 1);
        solver.Objective().SetMaximization();

        var programs = 0;
        var routeLots = new double[routes.Count];
        while (unfrozen > 0)
        {
            Solve(solver, ref programs);
            // Everything is read before the model changes: OR-Tools drops a solution once its model is modified.
            var t = level.SolutionValue();
            var stuck = new List<int>();
            for (var c = 0; c < customers; c++)
            {
                if (!frozen[c] && rule == FreezeRule.Duals && Math.Abs(rows[c].DualValue()) > DualTolerance) stuck.Add(c);
            }
            // The per-candidate LPs replace the stage's solution, so keep it first in case this is the last stage.
            var stage = stuck.Count == 0 ? y.Select(v => v.SolutionValue()).ToArray() : null;
            if (stuck.Count == 0) stuck = StuckByOwnLp(solver, level, frozen, y, byCustomer, problem.Weights, t, ref programs);
            if (stuck.Count == 0) throw new InvalidOperationException($"Stage at level {t} froze nobody: the oracle would loop.");
            if (stuck.Count == unfrozen)
            {
                // The last stage: its solution is the answer (every customer frozen before it is fixed in it too).
                routeLots = stage ?? y.Select(v => v.SolutionValue()).ToArray();
            }
            foreach (var c in stuck)
            {
                frozen[c] = true;
                unfrozen--;
                var at = problem.Weights[c] * t;
                rows[c].SetCoefficient(level, 0);
                rows[c].SetLb(at - LevelTolerance * Math.Max(1, at));
            }
        }

        var customerLots = new double[customers];
        for (var r = 0; r < routes.Count; r++) customerLots[routes[r].Customer] += routeLots[r];
        return new FairShares(customerLots, routeLots, programs);
    }

    /// <summary>
    /// The per-candidate rule: with t held at t*, maximise each unfrozen customer alone; those that cannot get more
    /// than w_c·t* are stuck. Leaves the solver as it found it (objective t, t unbounded above t's floor of 0).
    /// </summary>
    private static List<int> StuckByOwnLp(
        Solver solver, Variable level, bool[] frozen, Variable[] y, ILookup<int, int> byCustomer,
        IReadOnlyList<double> weights, double t, ref int programs)
    {
        var stuck = new List<int>();
        var objective = solver.Objective();
        level.SetLb(t * (1 - LevelTolerance));
        objective.SetCoefficient(level, 0);
        for (var c = 0; c < frozen.Length; c++)
        {
            if (frozen[c]) continue;
            var own = byCustomer[c];
            foreach (var r in own) objective.SetCoefficient(y[r], 1);
            Solve(solver, ref programs);
            if (objective.Value() <= weights[c] * t + CandidateTolerance * Math.Max(1, weights[c] * t)) stuck.Add(c);
            foreach (var r in own) objective.SetCoefficient(y[r], 0);
        }
        objective.SetCoefficient(level, 1);
        level.SetLb(0);
        return stuck;
    }

    private static void Solve(Solver solver, ref int programs)
    {
        programs++;
        var status = solver.Solve();
        if (status != Solver.ResultStatus.OPTIMAL)
            throw new InvalidOperationException($"GLOP returned {status} on LP {programs}.");
    }

    private static void AddSumRow(Solver solver, string name, double upper, IEnumerable<int> routes, Variable[] y)
    {
        var row = solver.MakeConstraint(double.NegativeInfinity, Math.Max(0, upper), name);
        foreach (var r in routes) row.SetCoefficient(y[r], 1);
    }
}
