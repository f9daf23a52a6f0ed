namespace SupplyGrains.Allocation.Oracle.Tests;

/// <summary>The oracle's answer for one group: continuous lots per customer and per route, and how many LPs it took.</summary>
public sealed record FairShares(double[] CustomerLots, double[] RouteLots, int LinearPrograms);
