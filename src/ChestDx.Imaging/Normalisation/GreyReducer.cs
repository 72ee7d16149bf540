using ChestDx.Core.Packs;

namespace ChestDx.Imaging.Normalisation;

/// <summary>
/// The streaming form of <see cref="Normaliser.Normalise"/> plus <see cref="ImageStatistics.Of(GreyBuffer)"/>: rows go
/// in, the S×S pack image and the source's statistics come out, byte for byte what the whole-image functions give.
/// Holds the S×S accumulator, one row of sums and a histogram (≤ 512 KiB), whatever the source's size.
/// </summary>
public sealed class GreyReducer : IDownscalableSink
{
    private readonly int _size;
    private readonly AspectMode _aspect;
    private readonly byte[] _destination;
    private StreamingResampler? _resampler;
    private long[]? _histogram;
    private int _width, _height, _maxValue, _rows;
    private bool _eightBit;

    /// <param name="destination">Receives the S×S image in its first S·S bytes.</param>
    public GreyReducer(int size, AspectMode aspect, byte[] destination)
    {
        if (destination.Length < size * size)
            throw new ArgumentException($"destination must hold {size}×{size} bytes", nameof(destination));
        _size = size;
        _aspect = aspect;
        _destination = destination;
    }

    /// <summary>Bytes a reducer holds for a source <paramref name="sourceWidth"/> wide (upper bound).</summary>
    public static long WorkingBytes(int sourceWidth, int size) =>
        StreamingResampler.WorkingBytes(sourceWidth, size) + 65536L * 8;

    /// <summary>
    /// Pad scales the long side to S and crop the short side: a scaled source is enough when that side still has S
    /// samples; a source already smaller than S is only ever taken whole.
    /// </summary>
    public bool AcceptsScaled(int width, int height, int scaledWidth, int scaledHeight)
    {
        int side = _aspect == AspectMode.Pad ? Math.Max(width, height) : Math.Min(width, height);
        int scaled = _aspect == AspectMode.Pad
            ? Math.Max(scaledWidth, scaledHeight)
            : Math.Min(scaledWidth, scaledHeight);
        return side <= _size ? scaled == side : scaled >= _size;
    }

    public void Begin(int width, int height, int maxValue, bool eightBit)
    {
        if (_resampler is not null) throw new InvalidOperationException("a reducer takes one image");
        (_width, _height, _maxValue, _eightBit) = (width, height, maxValue, eightBit);
        (Rect source, Rect target) = Normaliser.Geometry(width, height, _size, _aspect);
        if (target.Width != _size || target.Height != _size) _destination.AsSpan(0, _size * _size).Clear();
        _resampler = new StreamingResampler(maxValue, eightBit, source, _destination, _size, target);
        _histogram = new long[eightBit ? 4 * 256 : 65536];
    }

    public void Row(ReadOnlySpan<byte> row)
    {
        Check(row.Length, eightBit: true);
        // Four interleaved counters (folded in Finish), as ImageStatistics.Of does,
        // so runs of equal pixels do not stall on one counter.
        Span<long> lanes = _histogram;
        int i = 0;
        for (; i <= row.Length - 4; i += 4)
        {
            lanes[row[i]]++;
            lanes[256 + row[i + 1]]++;
            lanes[512 + row[i + 2]]++;
            lanes[768 + row[i + 3]]++;
        }
        for (; i < row.Length; i++) lanes[row[i]]++;
        _resampler!.Row(row);
    }

    public void Row(ReadOnlySpan<ushort> row)
    {
        Check(row.Length, eightBit: false);
        long[] h = _histogram!;
        foreach (ushort s in row) h[s]++;
        _resampler!.Row(row);
    }

    /// <summary>Finishes the S×S image and returns the source's statistics.
    /// Throws if rows are missing (a decoder bug).</summary>
    public ImageStatistics Finish()
    {
        if (_resampler is null || _rows != _height)
            throw new InvalidOperationException($"the decoder sent {_rows} of {_height} rows");
        _resampler.Finish();
        long[] histogram = _histogram!;
        if (_eightBit)
        {
            histogram = new long[256];
            for (int v = 0; v < 256; v++)
                histogram[v] = _histogram![v] + _histogram[256 + v] + _histogram[512 + v] + _histogram[768 + v];
        }
        return ImageStatistics.FromHistogram(histogram, (long)_width * _height, _maxValue);
    }

    private void Check(int length, bool eightBit)
    {
        if (_resampler is null || eightBit != _eightBit || length != _width || _rows >= _height)
            throw new InvalidOperationException($"row {_rows} of {length} {(eightBit ? 8 : 16)}-bit samples does not "
                + $"fit a {_width}×{_height} {(_eightBit ? 8 : 16)}-bit image");
        _rows++;
    }
}
