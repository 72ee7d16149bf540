using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace ChestDx.Dicom.Codecs.JpegLossless;

/// <summary>
/// Reads the entropy-coded segment of a scan: bits MSB first (T.81 F.2.2.5), a stuffed 0x00 after every 0xFF data
/// byte removed (B.1.1.5), and the first real marker treated as the end of data. Past that end it supplies zero bits
/// but counts them, so a scan that needs more bits than the stream holds is reported instead of decoded from padding.
/// </summary>
/// <remarks>
/// The hot state is the two public fields: the row loops copy them into locals, decode, and write them back, so the
/// JIT keeps them in registers; only <see cref="Refill"/> (every ~50 bits) goes through memory.
/// </remarks>
internal ref struct EntropyReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _position;   // next byte to load into the buffer
    private int _fakeBits;   // zero bits appended after the end of the data (sit at the end of the buffer)

    /// <summary>Next bits, left-aligned (bit 63 is the next one); bits past <see cref="Count"/> are zero.</summary>
    public ulong Buffer;

    /// <summary>Valid bits in <see cref="Buffer"/>, real or appended zeros.</summary>
    public int Count;

    public EntropyReader(ReadOnlySpan<byte> data, int start)
    {
        _data = data;
        _position = start;
    }

    public readonly int DataLength => _data.Length;

    public readonly byte ByteAt(int offset) => _data[offset];

    /// <summary>
    /// True once the decoder has consumed bits that the stream does not have (truncated or corrupt data).
    /// </summary>
    public readonly bool Overrun => _fakeBits > Count;

    /// <summary>Tops the buffer up to at least 57 bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Refill()
    {
        // Fast path: the next 8 bytes hold no 0xFF, so neither stuffing nor a marker: load whole bytes at once.
        if (_position + 8 <= _data.Length)
        {
            ulong next = BinaryPrimitives.ReadUInt64BigEndian(_data.Slice(_position, 8));
            if ((~next - 0x0101010101010101UL & next & 0x8080808080808080UL) == 0)
            {
                int bytes = (63 - Count) >> 3;
                int filled = Count + 8 * bytes;
                Buffer |= (next >> Count) & (ulong.MaxValue << (64 - filled));
                Count = filled;
                _position += bytes;
                return;
            }
        }
        RefillBytewise();
    }

    /// <summary>Byte at a time near stuffed bytes, markers and the end of the data.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void RefillBytewise()
    {
        while (Count <= 56)
        {
            if (_position < _data.Length)
            {
                byte b = _data[_position];
                if (b != 0xFF)
                {
                    Buffer |= (ulong)b << (56 - Count);
                    Count += 8;
                    _position++;
                    continue;
                }
                if (_position + 1 < _data.Length && _data[_position + 1] == 0x00)
                {
                    Buffer |= 0xFFUL << (56 - Count);
                    Count += 8;
                    _position += 2;
                    continue;
                }
            }
            // A marker or the end of the fragment: the scan's data ends here (T.81 F.2.2.5, Figure F.18 note).
            Count += 8;
            _fakeBits += 8;
        }
    }

    /// <summary>
    /// Ends the entropy-coded segment: checks that only the final byte's padding bits (T.81 F.1.2.3) are left, then
    /// returns the offset of the marker that follows (after any 0xFF fill bytes, B.1.1.2), or the data length when
    /// the fragment simply ends.
    /// </summary>
    public readonly int FindMarkerAfterSegment(string nextWhat)
    {
        if (Overrun)
        {
            JpegLosslessErrors.Corrupt(
                $"the entropy-coded data ends before {nextWhat}: the stream is truncated or corrupt", _position);
        }
        int leftoverBytes = (Count - _fakeBits) >> 3;
        int position = _position;
        while (position < _data.Length)
        {
            if (_data[position] == 0xFF)
            {
                if (position + 1 >= _data.Length) break;
                byte next = _data[position + 1];
                if (next == 0xFF) { position++; continue; }          // fill byte
                if (next != 0x00)
                {
                    if (leftoverBytes > 0) ExtraData(leftoverBytes, nextWhat, position);
                    return position;
                }
                leftoverBytes++;
                position += 2;
                continue;
            }
            leftoverBytes++;
            position++;
        }
        if (leftoverBytes > 0) ExtraData(leftoverBytes, nextWhat, position);
        return _data.Length;
    }

    /// <summary>
    /// Restarts the bit stream after the RSTm marker at <paramref name="markerOffset"/> (T.81 F.2.1.3.1).
    /// </summary>
    public void RestartAfter(int markerOffset)
    {
        _position = markerOffset + 2;
        _fakeBits = 0;
        Buffer = 0;
        Count = 0;
    }

    private static void ExtraData(int bytes, string nextWhat, int offset) =>
        JpegLosslessErrors.Corrupt($"{bytes} byte(s) of entropy-coded data left over before {nextWhat}"
            + $": the data does not decode to the image size", offset);
}
