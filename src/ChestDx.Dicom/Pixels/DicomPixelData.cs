using ChestDx.Dicom.Codecs;
using ChestDx.Dicom.Data;

namespace ChestDx.Dicom.Pixels;

/// <summary>
/// The frames of a file's Pixel Data, native or encapsulated. Two views of a frame:
/// <see cref="DecodeRawFrame(int)"/> gives the stored values exactly as dcmtk's <c>dcmdump +W</c> writes them after
/// decompression (Bits Allocated container, little endian, no masking, no sign extension);
/// <see cref="DecodeSamples(int)"/> gives the interpreted sample values (masked to Bits Stored below High Bit,
/// sign-extended, colour-by-pixel), the input of the grey pipeline. Frame indices are 0-based.
/// </summary>
public sealed class DicomPixelData
{
    private readonly DicomElement _element;
    private readonly FrameDecoders _decoders;
    private readonly string? _path;
    private readonly DicomDataset _dataset;
    private (int Start, int End)[]? _frameFragments;
    private RawFrameFormat? _rawFormat;

    internal DicomPixelData(DicomFile file, PixelLayout layout, DicomElement element, FrameDecoders decoders)
    {
        _path = file.Path;
        _dataset = file.Dataset;
        Layout = layout;
        TransferSyntax = file.TransferSyntax;
        _element = element;
        _decoders = decoders;
        IsEncapsulated = element.Fragments is not null;
        if (IsEncapsulated && !TransferSyntax.IsEncapsulated)
            DicomThrowHelper.Throw(_path,
                $"Pixel Data is encapsulated but the transfer syntax {TransferSyntax.Describe()} is native",
                DicomTags.PixelData, element.Offset);
        if (IsEncapsulated && layout.IsPacked12)
            DicomThrowHelper.Throw(_path, "Bits Allocated 12 (ACR-NEMA packed pixels) in encapsulated Pixel Data:"
                + " no codec stores packed containers", DicomTags.BitsAllocated, element.Offset);
        if (!IsEncapsulated && TransferSyntax.IsEncapsulated)
            DicomThrowHelper.Throw(_path,
                $"Pixel Data has a defined length but the transfer syntax {TransferSyntax.Describe()}"
                + $" requires encapsulated fragments (PS3.5 §A.4)", DicomTags.PixelData, element.Offset);
    }

    public PixelLayout Layout { get; }

    /// <summary>The file name errors carry.</summary>
    internal string? SourcePath => _path;

    public TransferSyntax TransferSyntax { get; }

    public int FrameCount => Layout.NumberOfFrames;

    public bool IsEncapsulated { get; }

    /// <summary>
    /// Bytes of one raw frame: native frames as stored; decoded frames as the codec contract lays them out.
    /// </summary>
    public long RawFrameLength => IsEncapsulated ? Layout.ToFrameInfo().FrameLength : Layout.NativeFrameBytes;

    /// <summary>
    /// What the raw frames' bytes are: the data set's Image Pixel attributes for native data; for encapsulated data,
    /// what the transfer syntax's codec says it writes (<see cref="IFrameDecoder.DecodedFormat"/>), e.g. "RGB" for
    /// JPEG YBR_FULL_422. Throws the "unsupported transfer syntax" <see cref="DicomException"/> when no codec decodes
    /// the syntax.
    /// </summary>
    public RawFrameFormat RawFormat => _rawFormat ??= IsEncapsulated ? DecodedFormat() : NativeFormat(Layout);

    /// <summary>
    /// The stored values of frame <paramref name="frameIndex"/> (see the class remarks for the layout).
    /// </summary>
    public byte[] DecodeRawFrame(int frameIndex)
    {
        byte[] frame = GC.AllocateUninitializedArray<byte>(checked((int)RawFrameLength));
        DecodeRawFrame(frameIndex, frame);
        return frame;
    }

    /// <summary>
    /// Decodes frame <paramref name="frameIndex"/> into <paramref name="destination"/> of exactly
    /// <see cref="RawFrameLength"/> bytes.
    /// </summary>
    public void DecodeRawFrame(int frameIndex, Span<byte> destination)
    {
        if ((uint)frameIndex >= (uint)FrameCount)
            throw DicomThrowHelper.Create(_path,
                $"frame {frameIndex + 1} requested but the file has {FrameCount} frame(s)", DicomTags.NumberOfFrames);
        if (destination.Length != RawFrameLength)
            throw new ArgumentException($"destination holds {destination.Length} bytes; a frame is {RawFrameLength}",
                nameof(destination));
        if (IsEncapsulated) DecodeEncapsulated(frameIndex, destination);
        else NativeFrames.Copy(_element, Layout, frameIndex, destination, _path);
    }

    /// <summary>
    /// The interpreted samples of frame <paramref name="frameIndex"/>: Rows × Columns × Samples per Pixel values,
    /// colour-by-pixel.
    /// </summary>
    public int[] DecodeSamples(int frameIndex)
    {
        byte[] raw = DecodeRawFrame(frameIndex);
        return SampleInterpreter.Interpret(raw, Layout, RawFormat, _path);
    }

    /// <summary>
    /// Frame <paramref name="frameIndex"/> of a greyscale image as sample rows, decoded one row at a time where the
    /// encoding allows (<see cref="FrameRowReader"/>). Nothing is decoded until the first row is read.
    /// </summary>
    public FrameRowReader OpenRows(int frameIndex)
    {
        if ((uint)frameIndex >= (uint)FrameCount)
            throw DicomThrowHelper.Create(_path,
                $"frame {frameIndex + 1} requested but the file has {FrameCount} frame(s)", DicomTags.NumberOfFrames);
        ReadOnlyMemory<byte> frame = default;
        if (IsEncapsulated && TransferSyntax.Codec == PixelCodec.Rle)
        {
            _frameFragments ??= EncapsulatedFrameLocator.Locate(_element.Fragments!, _dataset, FrameCount, _path);
            (int start, int end) = _frameFragments[frameIndex];
            // An RLE frame is one fragment (PS3.5 §A.4.2); a split one is decoded whole instead.
            if (end - start == 1) frame = _element.Fragments!.Fragments[start].Data;
        }
        return FrameRowReader.Open(this, frameIndex, _element, frame);
    }

    private static RawFrameFormat NativeFormat(PixelLayout layout) =>
        new(layout.PhotometricInterpretation, layout.PlanarConfiguration, layout.BitsAllocated, layout.BitsStored,
            layout.PixelRepresentation, layout.IsChromaSubsampled);

    /// <summary>
    /// The codec's statement, held to the <see cref="IFrameDecoder"/> contract every raw frame relies on.
    /// </summary>
    private RawFrameFormat DecodedFormat()
    {
        IFrameDecoder decoder = _decoders.Get(TransferSyntax, _path);
        RawFrameFormat format = decoder.DecodedFormat(Layout.ToFrameInfo());
        if (format.PlanarConfiguration != 0 || format.IsChromaSubsampled
            || format.BitsAllocated != Layout.BitsAllocated)
        {
            throw new InvalidOperationException(
                $"{decoder.GetType().Name} states a decoded format outside the codec contract " +
                $"(colour-by-pixel, full resolution, Bits Allocated {Layout.BitsAllocated}): {format}");
        }
        return format;
    }

    private void DecodeEncapsulated(int frameIndex, Span<byte> destination)
    {
        IFrameDecoder decoder = _decoders.Get(TransferSyntax, _path);
        EncapsulatedFragments encapsulated = _element.Fragments!;
        _frameFragments ??= EncapsulatedFrameLocator.Locate(encapsulated, _dataset, FrameCount, _path);
        (int start, int end) = _frameFragments[frameIndex];

        // A frame in one fragment (the common case) is decoded in place; a split frame is joined first.
        ReadOnlySpan<byte> compressed;
        if (end - start == 1)
        {
            compressed = encapsulated.Fragments[start].Data.Span;
        }
        else
        {
            long total = 0;
            for (int i = start; i < end; i++) total += encapsulated.Fragments[i].Data.Length;
            byte[] joined = new byte[total];
            int at = 0;
            for (int i = start; i < end; i++)
            {
                encapsulated.Fragments[i].Data.Span.CopyTo(joined.AsSpan(at));
                at += encapsulated.Fragments[i].Data.Length;
            }
            compressed = joined;
        }

        try
        {
            decoder.Decode(compressed, Layout.ToFrameInfo(), destination);
        }
        catch (DicomException e) when (e.FilePath is null)
        {
            throw DicomThrowHelper.Create(_path, $"frame {frameIndex + 1}: {e.Message}", DicomTags.PixelData, inner: e);
        }
        catch (Exception e) when (e is not DicomException and not OutOfMemoryException)
        {
            // A codec that trips over a corrupt codestream must still surface as a format error, never a crash.
            throw DicomThrowHelper.Create(_path,
                $"frame {frameIndex + 1}: {TransferSyntax.Name} codestream could not be decoded: {e.Message}",
                DicomTags.PixelData, inner: e);
        }
    }
}
