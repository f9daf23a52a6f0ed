namespace SupplyGrains.Allocation.Oracle.Tests;

/// <summary>
/// A <see cref="SharingProblem"/> built from a run's state, with the way back: which book customer each of its
/// customers is (in the engine's tie-break order) and which orders, in queue order, make up each route.
/// </summary>
public sealed record TierProblem(SharingProblem Problem, int[] Customers, int[][] RouteOrders);
