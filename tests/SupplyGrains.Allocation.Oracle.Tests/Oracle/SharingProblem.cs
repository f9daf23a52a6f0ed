namespace SupplyGrains.Allocation.Oracle.Tests;

/// <summary>
/// One group of customers (a tier) sharing one week's lots, in continuous lots, as the oracle's LP sees it.
/// Customers are indexes into <see cref="Weights"/>; whatever other groups already took has been subtracted.
/// </summary>
/// <param name="SupplyLots">Lots the group shares.</param>
/// <param name="Weights">Each customer's weight (positive).</param>
/// <param name="ShareCapLots">Each customer's most lots (its share cap), or +∞.</param>
/// <param name="Routes">The customers' demand by licence and destination.</param>
/// <param name="LicenceRoomLots">Room of each licence; a route whose licence is missing here gets nothing.</param>
/// <param name="DestinationRoomLots">Room of each capped destination (country quota); others are uncapped.</param>
/// <param name="DestinationGroupRoomLots">
/// Caps on the sum over several destinations (a destination ratio turned into a cap on its whole destination side,
/// e.g. CN and MO together), on top of each destination's own room.
/// </param>
public sealed record SharingProblem(
    double SupplyLots,
    IReadOnlyList<double> Weights,
    IReadOnlyList<double> ShareCapLots,
    IReadOnlyList<Route> Routes,
    IReadOnlyDictionary<string, double> LicenceRoomLots,
    IReadOnlyDictionary<string, double> DestinationRoomLots,
    IReadOnlyList<DestinationGroupRoom>? DestinationGroupRoomLots = null);

/// <summary>At most <paramref name="RoomLots"/> lots to <paramref name="Destinations"/> together.</summary>
public sealed record DestinationGroupRoom(IReadOnlyList<string> Destinations, double RoomLots);
