namespace ChestDx.Dicom.Codecs.Rle;

/// <summary>
/// RLE Lossless decoded one row at a time, into the same bytes <see cref="RleDecoder"/> writes for that row. Each
/// segment is one byte plane of the whole frame (PS3.5 G.2), so a row needs the next Columns bytes of every
/// segment: one PackBits cursor per segment walks its plane in step with the others, resuming mid-run where a run
/// crosses a row boundary (G.3.1 asks encoders not to, but decoders cannot rely on it). Memory is the cursors'
/// state and one row of plane bytes, whatever the frame's size; the compressed frame is read in place.
/// </summary>
internal sealed class RleRowReader
{
    private readonly ReadOnlyMemory<byte> _compressed;
    private readonly FrameInfo _frame;
    private readonly int _segments;
    private readonly int[] _offsets = new int[RleDecoder.MaxSegments + 1];
    private readonly Cursor[] _cursors;
    private readonly byte[] _plane;
    private int _row;

    public RleRowReader(ReadOnlyMemory<byte> compressed, FrameInfo frame)
    {
        if (frame.BitsAllocated is not (8 or 16 or 32))
            throw RleDecoder.Error(
                $"Bits Allocated {frame.BitsAllocated} cannot be RLE encoded (PS3.5 G.2 needs whole bytes)", null);
        _compressed = compressed;
        _frame = frame;
        _segments = RleDecoder.ReadHeader(compressed.Span, frame, _offsets);
        _cursors = new Cursor[_segments];
        _plane = new byte[frame.Columns];
        Reset();
    }

    /// <summary>
    /// Bytes of one decoded row: Columns × Samples per Pixel × bytes per sample, colour-by-pixel, little endian.
    /// </summary>
    public int RowLength => _frame.Columns * _frame.SamplesPerPixel * _frame.BytesPerSample;

    /// <summary>Back to the first row.</summary>
    public void Reset()
    {
        for (int s = 0; s < _segments; s++) _cursors[s] = new Cursor(s, _offsets[s], _offsets[s + 1]);
        _row = 0;
    }

    /// <summary>Decodes the next row into <paramref name="destination"/> (<see cref="RowLength"/> bytes).</summary>
    public void ReadRow(Span<byte> destination)
    {
        if (_row >= _frame.Rows) throw new InvalidOperationException($"all {_frame.Rows} rows have been read");
        int bytesPerSample = _frame.BytesPerSample, stride = _frame.SamplesPerPixel * bytesPerSample;
        ReadOnlySpan<byte> compressed = _compressed.Span;
        long planeLength = (long)_frame.Rows * _frame.Columns;
        for (int segment = 0; segment < _segments; segment++)
        {
            _cursors[segment].Read(compressed, _plane, planeLength);
            // G.2: segments go most significant byte first; the output is little endian.
            int start = segment / bytesPerSample * bytesPerSample + (bytesPerSample - 1 - segment % bytesPerSample);
            if (stride == 1) _plane.CopyTo(destination);
            else for (int x = 0, d = start; x < _plane.Length; x++, d += stride) destination[d] = _plane[x];
        }
        _row++;
    }

    /// <summary>
    /// PackBits (G.3.1) over one segment, resumable: n in 0..127 copies n+1 bytes, -127..-1 repeats one byte 1-n
    /// times, -128 is a no-op.
    /// </summary>
    private struct Cursor(int segment, int start, int end)
    {
        private int _at = start;
        private int _literal;
        private int _repeat;
        private byte _value;
        private long _written;

        public void Read(ReadOnlySpan<byte> compressed, Span<byte> destination, long planeLength)
        {
            int d = 0;
            while (d < destination.Length)
            {
                if (_literal > 0)
                {
                    int take = Math.Min(_literal, destination.Length - d);
                    compressed.Slice(_at, take).CopyTo(destination[d..]);
                    _at += take;
                    _literal -= take;
                    d += take;
                    continue;
                }
                if (_repeat > 0)
                {
                    int take = Math.Min(_repeat, destination.Length - d);
                    destination.Slice(d, take).Fill(_value);
                    _repeat -= take;
                    d += take;
                    continue;
                }
                if (_at >= end)
                    throw RleDecoder.Error(
                        $"RLE segment {segment} decodes to {_written + d} bytes; the frame needs {planeLength}", _at);
                int n = (sbyte)compressed[_at++];
                if (n >= 0)
                {
                    if (_at + n + 1 > end)
                        throw RleDecoder.Error(
                            $"RLE segment {segment} literal run of {n + 1} bytes runs past the segment end", _at - 1);
                    _literal = n + 1;
                }
                else if (n != -128)
                {
                    if (_at >= end)
                        throw RleDecoder.Error($"RLE segment {segment} ends inside a replicate run", _at - 1);
                    _value = compressed[_at++];
                    _repeat = 1 - n;
                }
            }
            _written += d;
            // An encoder may pad the last run past the plane; those bytes belong to no pixel and are dropped.
            if (_written == planeLength)
            {
                _at += _literal;
                _literal = _repeat = 0;
            }
        }
    }
}
