using System.Numerics;

namespace ChestDx.Imaging.Normalisation;

/// <summary>
/// <see cref="Resampler"/> fed one source row at a time, with the same arithmetic in the same order, so its output
/// is byte-identical to resampling the whole image (the tests compare the two). Memory is one row of column sums
/// (whole-factor box path) or the S×S float accumulator plus one filtered row (separable path): never the source.
/// </summary>
internal sealed class StreamingResampler
{
    private readonly Rect _source, _target;
    private readonly byte[] _destination;
    private readonly int _size;
    private readonly float _scale;
    private readonly int _kx, _ky;
    private readonly ushort[]? _columns;
    private readonly AxisKernel? _horizontal, _vertical;
    private readonly float[]? _accumulator, _filtered;
    private int _y, _firstActive;

    public StreamingResampler(int maxValue, bool eightBit, Rect source, byte[] destination, int size, Rect target)
    {
        _source = source;
        _target = target;
        _destination = destination;
        _size = size;
        _scale = 255f / maxValue;
        if (eightBit && source.Width % target.Width == 0 && source.Height % target.Height == 0
            && source.Height / target.Height <= 256)
        {
            // Resampler.BoxAverage: exact integer means; 16-bit column sums hold ky · 255 for ky ≤ 256.
            _kx = source.Width / target.Width;
            _ky = source.Height / target.Height;
            _columns = new ushort[source.Width];
        }
        else
        {
            _horizontal = AxisKernel.Create(source.Width, target.Width);
            _vertical = AxisKernel.Create(source.Height, target.Height);
            _accumulator = new float[target.Height * target.Width];
            _filtered = new float[target.Width];
        }
    }

    /// <summary>Bytes held by a resampler for a <paramref name="sourceWidth"/>-wide source into an S×S
    /// image (upper bound).</summary>
    public static long WorkingBytes(int sourceWidth, int size) =>
        2L * sourceWidth + 4L * size * size + 4L * size + 8L * 2 * size * 32;

    public void Row(ReadOnlySpan<byte> row) => Add(row);

    public void Row(ReadOnlySpan<ushort> row) => Add(row);

    private void Add<T>(ReadOnlySpan<T> row) where T : unmanaged, INumberBase<T>
    {
        int r = _y++ - _source.Y;
        if (r < 0 || r >= _source.Height) return;
        ReadOnlySpan<T> window = row.Slice(_source.X, _source.Width);
        if (_columns is not null)
        {
            AddBoxRow((ReadOnlySpan<byte>)System.Runtime.InteropServices.MemoryMarshal.AsBytes(window), r);
            return;
        }
        Resampler.Horizontal(window, _horizontal!, _filtered);
        int width = _target.Width;
        while (_firstActive < _target.Height
            && _vertical!.Start[_firstActive] + _vertical.Weights[_firstActive].Length <= r)
        {
            _firstActive++;
        }
        for (int oy = _firstActive; oy < _target.Height && _vertical!.Start[oy] <= r; oy++)
        {
            int t = r - _vertical.Start[oy];
            float[] w = _vertical.Weights[oy];
            if (t >= w.Length) continue;
            Span<float> acc = _accumulator.AsSpan(oy * width, width);
            // Same order as Resampler.Separable: Σ over t ascending of w[t] · row, starting from 0.
            for (int ox = 0; ox < width; ox++) acc[ox] += w[t] * _filtered![ox];
        }
    }

    private void AddBoxRow(ReadOnlySpan<byte> bytes, int r)
    {
        if (_kx == 1 && _ky == 1)
        {
            // The source is already the target's size (a JPEG decoded at the DCT scale that gives it): every 1×1 box
            // mean is the sample itself, so the row is copied (the same bytes as the general loop, without it).
            bytes.CopyTo(_destination.AsSpan((_target.Y + r) * _size + _target.X, _target.Width));
            return;
        }
        Resampler.AddWidened(bytes, _columns);
        if ((r + 1) % _ky != 0) return;
        int oy = r / _ky, area = _kx * _ky, half = area / 2;
        Span<byte> row = _destination.AsSpan((_target.Y + oy) * _size + _target.X, _target.Width);
        for (int ox = 0; ox < row.Length; ox++)
        {
            int sum = 0;
            foreach (ushort c in _columns.AsSpan(ox * _kx, _kx)) sum += c;
            row[ox] = (byte)((sum + half) / area);
        }
        Array.Clear(_columns!);
    }

    /// <summary>Writes the separable path's rows (the box path wrote each as it completed).</summary>
    public void Finish()
    {
        if (_accumulator is null) return;
        int width = _target.Width;
        for (int oy = 0; oy < _target.Height; oy++)
        {
            Span<byte> row = _destination.AsSpan((_target.Y + oy) * _size + _target.X, width);
            ReadOnlySpan<float> acc = _accumulator.AsSpan(oy * width, width);
            for (int ox = 0; ox < width; ox++)
                row[ox] = (byte)Math.Clamp(MathF.Floor(acc[ox] * _scale + 0.5f), 0f, 255f);
        }
    }
}
