using System.Buffers;
using System.Text;

namespace SupplyGrains.Grains.Allocation;

/// <summary>
/// Writes a packed column of a stored run or a book page: integers as LEB128 varints, so the small numbers a run is
/// made of (lots, tiers, the step from one order index to the next) take a byte each instead of four, and ids front-coded.
/// </summary>
/// <remarks>
/// By hand because <see cref="BinaryWriter.Write7BitEncodedInt64"/> writes the same bytes through a stream call per
/// byte, and nothing in the framework front-codes strings; a run record writes a few million of these per preview.
/// </remarks>
internal sealed class PackedWriter
{
    private static readonly SearchValues<char> LowerHex = SearchValues.Create("0123456789abcdef");

    private byte[] _buffer;
    private int _length;

    public PackedWriter(int capacity) => _buffer = new byte[Math.Max(capacity, 16)];

    /// <summary>Writes into <paramref name="scratch"/> (grown if need be, see <see cref="Scratch"/>) from its start.</summary>
    public PackedWriter(byte[] scratch) => _buffer = scratch.Length >= 16 ? scratch : new byte[16];

    /// <summary>The buffer written into, for the next writer to reuse once <see cref="ToArray"/> has copied it.</summary>
    public byte[] Scratch => _buffer;

    /// <summary>A negative value takes five bytes and reads back exactly.</summary>
    public void Write(int value) => Write((uint)value);

    public void Write(ulong value)
    {
        Reserve(10);
        while (value >= 0x80)
        {
            _buffer[_length++] = (byte)(value | 0x80);
            value >>= 7;
        }
        _buffer[_length++] = (byte)value;
    }

    /// <summary>Zigzag first, so that a small negative step is as short as a small positive one.</summary>
    public void WriteSigned(int value) => Write(Zigzag(value));

    public void Write(byte value)
    {
        Reserve(1);
        _buffer[_length++] = value;
    }

    /// <summary>
    /// An id as the length of the prefix it shares with the id written before it, then the rest: two lowercase hex
    /// digits a byte when the rest is all hex (the tail of the ids this system makes, time-ordered GUIDs), else UTF-8.
    /// A header of the rest's byte count, shifted left, says which (1 for hex).
    /// </summary>
    public void Write(string id, string previous)
    {
        var shared = id.AsSpan().CommonPrefixLength(previous);
        if (shared > 0 && char.IsHighSurrogate(id[shared - 1])) shared--; // a pair is never split
        var hex = !id.AsSpan(shared).ContainsAnyExcept(LowerHex);
        if (hex && (id.Length - shared) % 2 == 1)
        {
            // An odd run of digits takes one more from the shared prefix, if that one is a digit too.
            hex = shared > 0 && LowerHex.Contains(id[shared - 1]);
            if (hex) shared--;
        }
        Write((uint)shared);
        var rest = id.AsSpan(shared);
        if (hex)
        {
            Write((uint)rest.Length / 2 << 1 | 1);
            Reserve(rest.Length / 2);
            Convert.FromHexString(rest, _buffer.AsSpan(_length), out _, out var written);
            _length += written;
        }
        else if (rest.Length * 3 < 0x40)
        {
            // The header fits in the one byte kept for it, so the rest is transcoded once, straight into place.
            Reserve(1 + rest.Length * 3);
            var count = Encoding.UTF8.GetBytes(rest, _buffer.AsSpan(_length + 1));
            _buffer[_length] = (byte)(count << 1);
            _length += 1 + count;
        }
        else
        {
            var count = Encoding.UTF8.GetByteCount(rest);
            Write((uint)count << 1);
            Reserve(count);
            _length += Encoding.UTF8.GetBytes(rest, _buffer.AsSpan(_length));
        }
    }

    public byte[] ToArray() => _buffer.AsSpan(0, _length).ToArray();

    public static uint Zigzag(int value) => (uint)((value << 1) ^ (value >> 31));

    /// <summary>Makes room for at least <paramref name="bytes"/> more.</summary>
    public void Reserve(int bytes)
    {
        if (_length + bytes > _buffer.Length) Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + bytes));
    }
}
