using SupplyGrains.Contracts.Orders;

namespace SupplyGrains.Grains.Allocation;

/// <summary>
/// One instance of each customer id, destination and licence id a book holds. Every entry arrives with strings of its
/// own, parsed from its order's request or read from its page, though a book of a million orders names a few thousand
/// customers and a few dozen countries: an entry that shares them holds two or three strings fewer for as long as its
/// order is open (bench/README.md §5).
/// </summary>
/// <remarks>
/// By hand, because the runtime's <see cref="string.Intern(string)"/> pool is process-wide and never shrinks, while
/// these names should go with their book when its grain deactivates.
/// </remarks>
internal sealed class SharedNames
{
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);

    /// <summary>The entry with the book's instances of its names; the entry itself when it already has them.</summary>
    public BookEntry Share(BookEntry entry)
    {
        var customer = Of(entry.CustomerId);
        var destination = Of(entry.Destination);
        var licence = entry.LicenseId is { } id ? Of(id) : null;
        return ReferenceEquals(customer, entry.CustomerId) && ReferenceEquals(destination, entry.Destination) && ReferenceEquals(licence, entry.LicenseId)
            ? entry
            : entry with { CustomerId = customer, Destination = destination, LicenseId = licence };
    }

    /// <summary>The book's instance of <paramref name="name"/>; this one when it is the first.</summary>
    public string Of(string name)
    {
        if (_names.TryGetValue(name, out var shared)) return shared;
        _names.Add(name);
        return name;
    }
}
