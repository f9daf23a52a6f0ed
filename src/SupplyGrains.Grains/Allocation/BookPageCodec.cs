using SupplyGrains.Contracts.Orders;
using SupplyGrains.Domain;
using SupplyGrains.Domain.Orders;

namespace SupplyGrains.Grains.Allocation;

/// <summary>
/// A book page's entries as one packed array (<see cref="BookPage.Packed"/>): a version byte, the count, then each
/// entry's fields in declaration order, ids front-coded against the entry before.
/// </summary>
/// <remarks>
/// By hand because a page is rewritten whole by every batch that touches it (64 to 256 entries in a long intake), and
/// Orleans' codec, with a header per field, a codec lookup per list and a reference table that becomes a growing
/// dictionary past 64 objects, made storage serialization 15 % of the silo's CPU samples on intake, most of it book
/// pages (bench/README.md §5). A field added to <see cref="BookEntry"/> needs a new version here, and
/// <see cref="Unpack"/> then reads both.
/// </remarks>
internal static class BookPageCodec
{
    private const byte Version = 1;

    // Every batch of intake packs its page again: a buffer per call was more than half of what packing allocated (the
    // buffer, then the exact copy), so each thread keeps the largest buffer it needed and only the copy is new.
    [ThreadStatic]
    private static byte[]? t_scratch;

    public static byte[] Pack(IReadOnlyCollection<BookEntry> entries) => Pack(entries, entries.Count);

    /// <summary>Packs the <paramref name="count"/> entries that <paramref name="entries"/> yields.</summary>
    public static byte[] Pack(IEnumerable<BookEntry> entries, int count)
    {
        var packed = new PackedWriter(t_scratch ?? new byte[16 + count * 64]);
        packed.Write(Version);
        packed.Write(count);
        var (orderId, customerId) = ("", "");
        foreach (var entry in entries)
        {
            packed.Write(entry.OrderId, orderId);
            packed.Write(entry.CustomerId, customerId);
            (orderId, customerId) = (entry.OrderId, entry.CustomerId);
            packed.WriteSigned(entry.Tier);
            Write(packed, entry.Weight);
            packed.Write((ulong)entry.PastPurchases);
            packed.WriteSigned(entry.RequestedWeek.Ordinal);
            packed.Write((ulong)entry.SubmittedAt.UtcTicks);
            packed.WriteSigned((int)entry.SubmittedAt.Offset.TotalMinutes);
            packed.WriteSigned(entry.Quantity);
            packed.WriteSigned((int)entry.Status);
            packed.Write(entry.Reasons.Count);
            // By index: an enumerator of the interface is an object per entry.
            for (var r = 0; r < entry.Reasons.Count; r++) packed.Write(entry.Reasons[r], "");
            packed.Write(entry.Destination, "");
            packed.Write(entry.LicenseId is null ? (byte)0 : (byte)1);
            if (entry.LicenseId is { } licence) packed.Write(licence, "");
            packed.WriteSigned((int)entry.ConfirmationClass);
            packed.Write((ulong)entry.Revision);
        }
        t_scratch = packed.Scratch;
        return packed.ToArray();
    }

    /// <summary>
    /// The page's entries; with <paramref name="names"/>, holding the book's instances of their customer, destination
    /// and licence ids (shared as they are read, rather than by a copy of each entry after).
    /// </summary>
    /// <exception cref="InvalidDataException">The page was packed by a version of this codec that this one does not know.</exception>
    public static List<BookEntry> Unpack(ReadOnlySpan<byte> bytes, SharedNames? names = null)
    {
        var packed = new PackedReader(bytes);
        var version = packed.ReadByte();
        if (version != Version)
            throw new InvalidDataException($"A book page packed in version {version}; this silo reads version {Version}. Run the newer silo version.");
        var count = packed.ReadInt32();
        var entries = new List<BookEntry>(count);
        var (orderId, customerId) = ("", "");
        for (var i = 0; i < count; i++)
        {
            orderId = packed.ReadId(orderId);
            customerId = Shared(packed.ReadId(customerId));
            var tier = packed.ReadSigned();
            var weight = ReadDecimal(ref packed);
            var pastPurchases = (long)packed.ReadUInt64();
            var week = new IsoWeek(packed.ReadSigned());
            var utcTicks = (long)packed.ReadUInt64();
            var submittedAt = new DateTimeOffset(utcTicks, TimeSpan.Zero).ToOffset(TimeSpan.FromMinutes(packed.ReadSigned()));
            var quantity = packed.ReadSigned();
            var status = (OrderStatus)packed.ReadSigned();
            var reasonCount = packed.ReadInt32();
            var reasons = reasonCount == 0 ? [] : new string[reasonCount];
            for (var r = 0; r < reasons.Length; r++) reasons[r] = packed.ReadId("");
            var destination = Shared(packed.ReadId(""));
            var licence = packed.ReadByte() == 1 ? Shared(packed.ReadId("")) : null;
            var confirmation = (ConfirmationClass)packed.ReadSigned();
            var revision = (long)packed.ReadUInt64();
            entries.Add(new BookEntry(orderId, customerId, tier, weight, pastPurchases, week, submittedAt, quantity, status, reasons,
                destination, licence, confirmation, revision));
        }
        return entries;

        string Shared(string name) => names?.Of(name) ?? name;
    }

    private static void Write(PackedWriter packed, decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        foreach (var part in bits) packed.Write((uint)part);
    }

    private static decimal ReadDecimal(ref PackedReader packed)
    {
        Span<int> bits = stackalloc int[4];
        for (var i = 0; i < 4; i++) bits[i] = (int)packed.ReadUInt64();
        return new decimal(bits);
    }
}
