using ChestDx.Dicom;
using ChestDx.Dicom.Codecs;
using ChestDx.Dicom.Codecs.Jpeg;
using ChestDx.Dicom.Codecs.JpegLossless;
using ChestDx.Dicom.Codecs.Rle;
using ChestDx.Dicom.Data;
using ChestDx.Dicom.Imaging;
using ChestDx.Dicom.Pixels;

namespace ChestDx.Fuzz.Targets;

/// <summary>
/// Fuzz targets of the DICOM library: the Part 10 reader, and each managed codec called directly (not through
/// <see cref="DicomPixelData"/>, which turns every codec exception into a <see cref="DicomException"/>).
/// Each checks <see cref="FuzzInvariant"/> with <see cref="DicomException"/> as the one allowed exception.
/// </summary>
public static class DicomTargets
{
    /// <summary>Target names as the scripts and the regression folders spell them.</summary>
    public static IReadOnlyList<string> Names { get; } = ["part10", "rle", "jpeg-lossless", "jpeg-dct"];

    public static Func<byte[], Exception?> Get(string name) => name switch
    {
        "part10" => Part10,
        "rle" => Rle,
        "jpeg-lossless" => JpegLossless,
        "jpeg-dct" => JpegDct,
        _ => throw new ArgumentException($"unknown DICOM fuzz target '{name}'", nameof(name)),
    };

    // The reader's declared limits, small so a fuzzed Rows × Columns or deflate stream cannot make a run allocate
    // gigabytes.
    private const long MaxTotalSamples = 1 << 22;
    private const long MaxInflatedBytes = 1 << 24;
    private static readonly DicomReaderOptions Lenient =
        new() { MaxTotalSamples = MaxTotalSamples, MaxInflatedBytes = MaxInflatedBytes };
    private static readonly DicomReaderOptions Strict = Lenient with { Strictness = DicomStrictness.Strict };

    // The managed codecs only: JPEG-LS and JPEG 2000 are Debian's CharLS and OpenJPEG, fuzzed by their own projects.
    private static readonly FrameDecoders ManagedDecoders =
        new([new RleDecoder(), new JpegLosslessDecoder(), new JpegDctDecoder()]);

    /// <summary>
    /// Part 10: read (lenient, or strict when bit 0 of the first byte is set: the preamble's content is free),
    /// walk every element and item, the attributes and identifiers, then decode and render frame 0 and the last one.
    /// Allocation bound: a few copies of the input, the inflate limit, and the pixel buffers the sample limit allows.
    /// </summary>
    public static Exception? Part10(byte[] input)
    {
        ArgumentNullException.ThrowIfNull(input);
        DicomReaderOptions options = input.Length > 0 && (input[0] & 1) == 1 ? Strict : Lenient;
        long bound = (1 << 20) + 32L * input.Length + 4 * MaxInflatedBytes + 24 * MaxTotalSamples;
        return FuzzInvariant.Check<DicomException>("part10", bound, () =>
        {
            DicomFile file = DicomReader.Read(input, options, "fuzz.dcm");
            _ = file.GetAttributes().ToString();
            _ = file.GetIdentifiers().All();
            Walk(file.FileMeta, 0);
            Walk(file.Dataset, 0);
            if (!file.HasPixelData) return;
            DicomPixelData pixels = file.GetPixelData(ManagedDecoders);
            foreach (int frame in new[] { 0, pixels.FrameCount - 1 }.Distinct())
            {
                if (pixels.Layout is { IsMonochrome: true, SamplesPerPixel: 1 })
                {
                    GreyscaleRenderer.Render(pixels.DecodeSamples(frame), pixels.Layout, file.Dataset,
                        new GreyscaleRenderOptions { Voi = VoiChoice.Percentile(1, 99) }, file.Path);
                }
                else
                {
                    pixels.DecodeSamples(frame);
                }
            }
        });
    }

    private static void Walk(DicomDataset dataset, int depth)
    {
        foreach (DicomElement element in dataset)
        {
            _ = element.ToString();
            if (element.Items is { } items)
            {
                foreach (DicomDataset item in items) Walk(item, depth + 1);
            }
            else if (element.Fragments is null)
            {
                _ = dataset.GetStrings(element.Tag);
                _ = dataset.GetNumbers(element.Tag);
                _ = dataset.GetUInt16(element.Tag);
            }
        }
    }

    /// <summary>RLE Lossless (PS3.5 Annex G) with the frame the prefix declares.</summary>
    public static Exception? Rle(byte[] input) => Codec("rle", new RleDecoder(), input);

    /// <summary>JPEG lossless (T.81 Annex H) with the frame the prefix declares.</summary>
    public static Exception? JpegLossless(byte[] input) => Codec("jpeg-lossless", new JpegLosslessDecoder(), input);

    /// <summary>
    /// JPEG baseline / extended / progressive (the managed JpegLibrary-based decoder) with the frame the prefix
    /// declares.
    /// </summary>
    public static Exception? JpegDct(byte[] input) => Codec("jpeg-dct", new JpegDctDecoder(), input);

    /// <summary>
    /// Allocation bound for one frame: the decoders hold at most a copy of the codestream and a few int-sized planes
    /// per output sample (JpegDctDecoder: one int plane per component plus JpegLibrary's coefficient blocks).
    /// </summary>
    private static Exception? Codec(string target, IFrameDecoder decoder, byte[] input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (CodecInput.Parse(input) is not { } parsed) return null;
        FrameInfo frame = parsed.Frame;
        long samples = (long)frame.Rows * frame.Columns * frame.SamplesPerPixel;
        long bound = (1 << 20) + 16L * parsed.Codestream.Length + 32 * samples;
        byte[] destination = new byte[frame.FrameLength];
        return FuzzInvariant.Check<DicomException>(target, bound,
            () => decoder.Decode(parsed.Codestream.Span, frame, destination));
    }
}
