using System.Buffers.Binary;
using ChestDx.Dicom.Codecs.Rle;
using ChestDx.Dicom.Data;

namespace ChestDx.Dicom.Pixels;

/// <summary>
/// The interpreted samples of one single-sample (greyscale) frame, a row at a time, top to bottom — the values
/// <see cref="DicomPixelData.DecodeSamples"/> gives, without holding the frame where the encoding allows it.
/// Native 8- and 16-bit frames are read in place from the data set's buffer and RLE frames are decoded by rows
/// (<see cref="StreamsRows"/>); every other encoding (JPEG baseline and lossless, JPEG-LS, JPEG 2000, whose codecs
/// decode a whole frame; 1-bit and other unusual native layouts) is decoded whole on the first read and served from
/// there. <see cref="WorkingBytes"/> tells which, before anything is decoded.
/// </summary>
public sealed class FrameRowReader
{
    private readonly DicomPixelData _pixels;
    private readonly int _frameIndex;
    private readonly ReadOnlyMemory<byte> _native;
    private readonly bool _nativeBigEndian;
    private readonly RleRowReader? _rle;
    private readonly byte[]? _rleRow;
    private int[]? _whole;
    private int _row;

    internal FrameRowReader(DicomPixelData pixels, int frameIndex, ReadOnlyMemory<byte> native, bool nativeBigEndian,
        ReadOnlyMemory<byte> rle)
    {
        _pixels = pixels;
        _frameIndex = frameIndex;
        Layout = pixels.Layout;
        _native = native;
        _nativeBigEndian = nativeBigEndian;
        if (!rle.IsEmpty)
        {
            _rle = Codec(() => new RleRowReader(rle, Layout.ToFrameInfo()));
            _rleRow = new byte[_rle.RowLength];
        }
        StreamsRows = !native.IsEmpty || _rle is not null;
    }

    public PixelLayout Layout { get; }

    /// <summary>
    /// True when rows are decoded one at a time (native 8/16-bit, RLE); false when the frame is decoded whole.
    /// </summary>
    public bool StreamsRows { get; }

    /// <summary>
    /// Bytes held while reading, besides the file: a row for streamed frames; else the decoded frame, its
    /// interpreted samples (4 bytes each) and, for JPEG 2000, OpenJPEG's own 32-bit component planes.
    /// </summary>
    public long WorkingBytes
    {
        get
        {
            long samples = (long)Layout.Rows * Layout.Columns;
            if (StreamsRows) return 8L * Layout.Columns + 4096;
            long codec = _pixels.TransferSyntax.Codec == PixelCodec.Jpeg2000 ? 4 * samples : 0;
            return _pixels.RawFrameLength + 4 * samples + codec;
        }
    }

    /// <summary>
    /// "native, by rows", "RLE Lossless, by rows" or "JPEG 2000 Image Compression (Lossless Only), whole frame".
    /// </summary>
    public string Decoding => !_native.IsEmpty ? "native pixels read by rows"
        : _rle is not null ? "RLE decoded by rows"
        : $"{(_pixels.IsEncapsulated ? _pixels.TransferSyntax.Name : "native pixels")} decoded as a whole frame";

    /// <summary>Back to the first row (a second pass, e.g. after a histogram for a percentile window).</summary>
    public void Reset()
    {
        _row = 0;
        _rle?.Reset();
    }

    /// <summary>Reads the next row's Columns sample values into <paramref name="samples"/>.</summary>
    public void ReadRow(Span<int> samples)
    {
        int columns = Layout.Columns;
        if (samples.Length != columns) throw new ArgumentException($"a row holds {columns} samples", nameof(samples));
        if (_row >= Layout.Rows) throw new InvalidOperationException($"all {Layout.Rows} rows have been read");
        if (!_native.IsEmpty)
        {
            int rowBytes = columns * (Layout.BitsAllocated / 8);
            Interpret(_native.Span.Slice(_row * rowBytes, rowBytes), _nativeBigEndian, samples);
        }
        else if (_rle is not null)
        {
            Codec(() => _rle.ReadRow(_rleRow));
            Interpret(_rleRow, bigEndian: false, samples);
        }
        else
        {
            _whole ??= _pixels.DecodeSamples(_frameIndex);
            _whole.AsSpan(_row * columns, columns).CopyTo(samples);
        }
        _row++;
    }

    /// <summary>Codec errors name the file and frame, as whole-frame decoding reports them.</summary>
    private T Codec<T>(Func<T> decode)
    {
        try
        {
            return decode();
        }
        catch (DicomException e) when (e.FilePath is null)
        {
            throw DicomThrowHelper.Create(_pixels.SourcePath, $"frame {_frameIndex + 1}: {e.Message}",
                DicomTags.PixelData, inner: e);
        }
    }

    private void Codec(Action decode) => Codec(() => { decode(); return 0; });

    /// <summary>
    /// As <see cref="SampleInterpreter"/> does for 8- and 16-bit containers: shift to High Bit, mask to Bits Stored,
    /// sign-extend.
    /// </summary>
    private void Interpret(ReadOnlySpan<byte> raw, bool bigEndian, Span<int> values)
    {
        int shift = Layout.HighBit + 1 - Layout.BitsStored, up = 32 - Layout.BitsStored;
        bool signed = Layout.IsSigned;
        if (Layout.BitsAllocated == 8)
        {
            if (signed) for (int i = 0; i < values.Length; i++) values[i] = ((raw[i] >> shift) << up) >> up;
            else for (int i = 0; i < values.Length; i++) values[i] = (int)((uint)((raw[i] >> shift) << up) >> up);
            return;
        }
        for (int i = 0; i < values.Length; i++)
        {
            int w = bigEndian
                ? BinaryPrimitives.ReadUInt16BigEndian(raw[(2 * i)..])
                : BinaryPrimitives.ReadUInt16LittleEndian(raw[(2 * i)..]);
            values[i] = signed ? ((w >> shift) << up) >> up : (int)((uint)((w >> shift) << up) >> up);
        }
    }

    /// <summary>Chooses how frame <paramref name="frameIndex"/> is read (see the class remarks).</summary>
    internal static FrameRowReader Open(DicomPixelData pixels, int frameIndex, DicomElement element,
        ReadOnlyMemory<byte> encapsulatedFrame)
    {
        PixelLayout layout = pixels.Layout;
        bool rowable = layout.SamplesPerPixel == 1 && layout.BitsAllocated is 8 or 16;
        if (rowable && !pixels.IsEncapsulated)
        {
            long frameBytes = layout.NativeFrameBytes, start = frameIndex * frameBytes;
            // PS3.5 §A.3: a big-endian OW value is a run of 16-bit words; 8-bit samples in one need the byte swap
            // NativeFrames does.
            bool swappedBytes = element.BigEndian && layout.BitsAllocated == 8 && element.VR == DicomVR.OW;
            if (!swappedBytes && start + frameBytes <= element.Value.Length)
                return new FrameRowReader(pixels, frameIndex, element.Value.Slice((int)start, (int)frameBytes),
                    element.BigEndian && layout.BitsAllocated == 16, default);
        }
        if (rowable && pixels.IsEncapsulated && pixels.TransferSyntax.Codec == PixelCodec.Rle
            && !encapsulatedFrame.IsEmpty)
        {
            return new FrameRowReader(pixels, frameIndex, default, false, encapsulatedFrame);
        }
        return new FrameRowReader(pixels, frameIndex, default, false, default);
    }
}
