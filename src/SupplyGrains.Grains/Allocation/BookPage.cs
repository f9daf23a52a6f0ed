using SupplyGrains.Contracts.Orders;

namespace SupplyGrains.Grains.Allocation;

/// <summary>One stored page of an allocation book: the entries of the orders assigned to it.</summary>
[GenerateSerializer, Alias("SupplyGrains.BookPage")]
public sealed class BookPage
{
    [Id(0)] public Dictionary<string, BookEntry> Entries { get; set; } = [];
}
