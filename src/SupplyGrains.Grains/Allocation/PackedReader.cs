using System.Text;

namespace SupplyGrains.Grains.Allocation;

/// <summary>Reads back what a <see cref="PackedWriter"/> wrote, in the same order.</summary>
internal ref struct PackedReader(ReadOnlySpan<byte> bytes)
{
    private readonly ReadOnlySpan<byte> _bytes = bytes;
    private int _position;

    public readonly bool AtEnd => _position == _bytes.Length;

    public int ReadInt32() => (int)ReadUInt64();

    public int ReadSigned() => Unzigzag((uint)ReadUInt64());

    public byte ReadByte() => _bytes[_position++];

    public ulong ReadUInt64()
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = _bytes[_position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) return value;
        }
    }

    /// <summary>An id written after <paramref name="previous"/>.</summary>
    public string ReadId(string previous)
    {
        var shared = ReadInt32();
        var header = ReadInt32();
        var rest = _bytes.Slice(_position, header >> 1);
        _position += rest.Length;
        var hex = (header & 1) == 1;
        // UTF-8 never has fewer bytes than the UTF-16 characters it decodes to.
        var most = shared + (hex ? 2 * rest.Length : rest.Length);
        var id = most <= 256 ? stackalloc char[most] : new char[most];
        previous.AsSpan(0, shared).CopyTo(id);
        int written;
        if (hex) Convert.TryToHexStringLower(rest, id[shared..], out written);
        else written = Encoding.UTF8.GetChars(rest, id[shared..]);
        return new string(id[..(shared + written)]);
    }

    public static int Unzigzag(uint value) => (int)(value >> 1) ^ -(int)(value & 1);
}
