namespace SupplyGrains.Allocation.Oracle.Tests;

/// <summary>
/// One way a customer can be served in a week: the lots its eligible orders under one licence (or none) to one
/// destination still want. Every cap of the LP is a sum over routes, so orders that share customer, licence and
/// destination are one variable; that changes no customer's answer and keeps the LP small.
/// </summary>
public readonly record struct Route(int Customer, double DemandLots, string? Licence, string Destination);
