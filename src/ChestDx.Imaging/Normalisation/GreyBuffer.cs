using System.Buffers;

namespace ChestDx.Imaging.Normalisation;

/// <summary>
/// A decoded single-channel image, 0 = black, <see cref="MaxValue"/> = white (MONOCHROME1 already inverted, VOI
/// window already applied by the DICOM adapter). Samples are bytes (8-bit sources) or 16-bit words, in a buffer
/// rented from the shared pool: dispose it.
/// </summary>
public sealed class GreyBuffer : GreyRows
{
    private byte[]? _bytes;
    private ushort[]? _words;

    private GreyBuffer(int width, int height, int maxValue)
    {
        Width = width;
        Height = height;
        MaxValue = maxValue;
    }

    public override int Width { get; }
    public override int Height { get; }

    /// <summary>Already decoded: it holds its samples.</summary>
    public override long WorkingBytes => (long)Width * Height * (IsEightBit ? 1 : 2);

    public override string Decoding => "decoded whole";

    /// <summary>The value that means white: 255 for 8-bit samples, 2^bits − 1 for 16-bit ones.</summary>
    public int MaxValue { get; }

    /// <summary>True when samples are bytes (<see cref="Bytes"/>), false when words (<see cref="Words"/>).</summary>
    public bool IsEightBit => _bytes is not null;

    public Span<byte> Bytes => _bytes is null
        ? throw new InvalidOperationException("16-bit image: use Words")
        : _bytes.AsSpan(0, Width * Height);

    public Span<ushort> Words => _words is null
        ? throw new InvalidOperationException("8-bit image: use Bytes")
        : _words.AsSpan(0, Width * Height);

    public static GreyBuffer Rent8(int width, int height) =>
        new(width, height, 255) { _bytes = ArrayPool<byte>.Shared.Rent(checked(width * height)) };

    public static GreyBuffer Rent16(int width, int height, int maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxValue, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxValue, ushort.MaxValue);
        return new(width, height, maxValue) { _words = ArrayPool<ushort>.Shared.Rent(checked(width * height)) };
    }

    public override void WriteTo(IGreyRowSink sink)
    {
        sink.Begin(Width, Height, MaxValue, IsEightBit);
        for (int y = 0; y < Height; y++)
        {
            if (IsEightBit) sink.Row(Bytes.Slice(y * Width, Width));
            else sink.Row(Words.Slice(y * Width, Width));
        }
    }

    public override void Dispose()
    {
        base.Dispose();
        if (_bytes is not null) ArrayPool<byte>.Shared.Return(_bytes);
        if (_words is not null) ArrayPool<ushort>.Shared.Return(_words);
        _bytes = null;
        _words = null;
    }
}
