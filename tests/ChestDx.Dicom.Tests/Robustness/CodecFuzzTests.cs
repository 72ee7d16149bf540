using System.Diagnostics;
using ChestDx.Dicom.Codecs;
using ChestDx.Dicom.Data;
using ChestDx.Dicom.Pixels;

namespace ChestDx.Dicom.Tests.Robustness;

/// <summary>
/// Seeded mutation fuzzing of each managed codec called directly (<see cref="IFrameDecoder.Decode"/>), not through
/// <see cref="DicomPixelData"/>, which rewraps every other exception as a <see cref="DicomException"/>: whatever the
/// codestream (and, for one mutation in eight, whatever the data set claims about the frame), a codec either decodes
/// or throws DicomException. IndexOutOfRange, NullReference, Overflow, InvalidOperation... fail the test with the seed
/// that replays them (<see cref="Mutator"/>). Inputs that once crashed a codec are in tests/data/fuzz-regressions,
/// replayed by <see cref="Regressions_decode_or_throw_DicomException"/>.
/// </summary>
public sealed class CodecFuzzTests
{
    // CHESTDX_FUZZ_MUTATIONS=N runs N mutations per fixture with no time budget (a longer local campaign; the
    // unit-test default is bounded so CI stays fast).
    private static readonly int? Campaign =
        int.TryParse(Environment.GetEnvironmentVariable("CHESTDX_FUZZ_MUTATIONS"), out int n) ? n : null;
    private static readonly int MutationsPerFile = Campaign ?? 400;
    private static readonly TimeSpan Budget = Campaign is null ? TimeSpan.FromSeconds(30) : TimeSpan.MaxValue;

    /// <summary>
    /// Frame 0 of each fixture goes to its transfer syntax's codec: RLE, JPEG lossless, JPEG baseline/extended.
    /// </summary>
    public static TheoryData<string> Fixtures() =>
    [
        // RLE Lossless (PS3.5 Annex G): 8, 16 and 32 bits, grey and RGB.
        "generated/u8_rle.dcm", "generated/u12_rle.dcm", "generated/s16_rle.dcm",
        "conformance/pydicom/MR_small_RLE.dcm",
        "conformance/pydicom/SC_rgb_rle.dcm", "conformance/pydicom/SC_rgb_rle_16bit.dcm",
        "conformance/pydicom/SC_rgb_rle_32bit_2frame.dcm", "conformance/pydicom-data/OBXXXX1A_rle.dcm",
        // JPEG lossless (T.81 Annex H), selection values 1 and 2–7.
        "generated/u8_jpeg_sv1.dcm", "generated/u12_jpeg_sv1.dcm", "generated/s16_jpeg_sv1.dcm",
        "generated/u16_jpeg_p14_sv4.dcm", "generated/u12_jpeg_p14_sv7.dcm", "conformance/pydicom-data/JPEG-LL.dcm",
        // JPEG baseline and extended (DCT).
        "generated/u8_jpeg_base.dcm", "generated/u12_jpeg_ext12.dcm", "conformance/pydicom/JPEG-lossy.dcm",
        "conformance/pydicom/JPGExtended.dcm", "conformance/pydicom/SC_rgb_jpeg_dcmtk.dcm",
        "conformance/pydicom/SC_jpeg_no_color_transform.dcm",
    ];

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void A_codec_called_directly_throws_only_DicomException(string relative)
    {
        (DicomFile file, IFrameDecoder decoder, FrameInfo frame, byte[] codestream) =
            FirstFrame(TestFiles.Path_(relative));
        decoder.Decode(codestream, frame, new byte[frame.FrameLength]); // the unmutated frame decodes
        var clock = Stopwatch.StartNew();
        int run = 0;
        for (; run < MutationsPerFile && (Campaign is not null || clock.Elapsed < Budget / Fixtures().Count); run++)
        {
            int seed = Mutator.Seed(MutationFuzzTests.BaseSeed, "codec:" + relative, run);
            (byte[] mutated, string how) = Mutator.Mutate(codestream, seed, fieldsFrom: 0);
            FrameInfo info = run % 8 == 7 ? MutateFrame(frame, seed) : frame;
            try
            {
                decoder.Decode(mutated, info, new byte[info.FrameLength]);
            }
            catch (DicomException)
            {
            }
            catch (Exception e)
            {
                string? saved = SaveRegression(relative, run, file.TransferSyntax.Uid, info, mutated);
                Assert.Fail(
                    $"{(saved is null ? "" : $"saved as {saved}; ")}{decoder.GetType().Name} on {relative}" +
                    $" mutation {run}, seed {seed} (Mutator.Mutate(codestream, {seed}, 0)): {how}" +
                    $"; frame {info}: {e.GetType().Name}: {e.Message}\n{e.StackTrace}");
            }
        }
        Assert.True(run >= 20, $"only {run} mutations ran in the time budget");
    }

    public static TheoryData<string> RegressionFiles() =>
        [
            .. Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "data", "fuzz-regressions"), "*.frame")
                .Select(f => Path.GetFileName(f)).Order(),
        ];

    /// <summary>
    /// Each regression is NAME.frame (the codestream a codec once crashed on) and NAME.json (the transfer syntax and
    /// <see cref="FrameInfo"/> it was called with); see tests/data/fuzz-regressions/README.md.
    /// </summary>
    [Theory]
    [MemberData(nameof(RegressionFiles))]
    public void Regressions_decode_or_throw_DicomException(string name)
    {
        string dir = Path.Combine(AppContext.BaseDirectory, "data", "fuzz-regressions");
        byte[] codestream = File.ReadAllBytes(Path.Combine(dir, name));
        using var json = System.Text.Json.JsonDocument.Parse(
            File.ReadAllText(Path.Combine(dir, Path.ChangeExtension(name, ".json"))));
        var r = json.RootElement;
        var frame = new FrameInfo(r.GetProperty("rows").GetInt32(), r.GetProperty("columns").GetInt32(),
            r.GetProperty("samples_per_pixel").GetInt32(), r.GetProperty("bits_allocated").GetInt32(),
            r.GetProperty("bits_stored").GetInt32(),
            r.GetProperty("pixel_representation").GetInt32(), r.GetProperty("photometric_interpretation").GetString()!,
            r.GetProperty("planar_configuration").GetInt32());
        Assert.True(
            FrameDecoders.Default.TryGet(r.GetProperty("transfer_syntax").GetString()!, out IFrameDecoder decoder));
        try
        {
            decoder.Decode(codestream, frame, new byte[frame.FrameLength]);
        }
        catch (DicomException)
        {
        }
    }

    /// <summary>
    /// The codec, the frame as the data set describes it, and frame 0's codestream (fragments joined).
    /// </summary>
    private static (DicomFile, IFrameDecoder, FrameInfo, byte[]) FirstFrame(string path)
    {
        DicomFile file = DicomReader.Read(File.ReadAllBytes(path), new DicomReaderOptions(), path);
        PixelLayout layout = file.GetPixelData().Layout;
        EncapsulatedFragments fragments = file.Dataset[DicomTags.PixelData]!.Fragments!;
        (int start, int end) = EncapsulatedFrameLocator.Locate(fragments, file.Dataset, layout.NumberOfFrames, path)[0];
        byte[] codestream =
            [.. Enumerable.Range(start, end - start).SelectMany(i => fragments.Fragments[i].Data.ToArray())];
        Assert.True(FrameDecoders.Default.TryGet(file.TransferSyntax.Uid, out IFrameDecoder decoder));
        return (file, decoder, layout.ToFrameInfo(), codestream);
    }

    /// <summary>
    /// With CHESTDX_FUZZ_REGRESSIONS=DIR, writes a crashing input in the regression format (NAME.frame + NAME.json)
    /// so it can be committed under tests/data/fuzz-regressions; returns the .frame path, or null when not asked to.
    /// </summary>
    private static string? SaveRegression(string relative, int run, string syntax, FrameInfo frame, byte[] codestream)
    {
        string? dir = Environment.GetEnvironmentVariable("CHESTDX_FUZZ_REGRESSIONS");
        if (string.IsNullOrEmpty(dir)) return null;
        Directory.CreateDirectory(dir);
        string name = Path.Combine(dir, $"{Path.GetFileNameWithoutExtension(relative)}-mutation{run}");
        File.WriteAllBytes(name + ".frame", codestream);
        File.WriteAllText(name + ".json", System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["source"] = $"{relative}, mutation {run} of CodecFuzzTests (base seed {MutationFuzzTests.BaseSeed})",
            ["transfer_syntax"] = syntax, ["rows"] = frame.Rows, ["columns"] = frame.Columns,
            ["samples_per_pixel"] = frame.SamplesPerPixel, ["bits_allocated"] = frame.BitsAllocated,
            ["bits_stored"] = frame.BitsStored, ["pixel_representation"] = frame.PixelRepresentation,
            ["photometric_interpretation"] = frame.PhotometricInterpretation,
            ["planar_configuration"] = frame.PlanarConfiguration,
        }, new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        return name + ".frame";
    }

    /// <summary>
    /// A data set that contradicts its codestream: other dimensions, bit depths, sample counts or colour model.
    /// </summary>
    private static FrameInfo MutateFrame(FrameInfo f, int seed)
    {
        var random = new Random(~seed);
        return random.Next(6) switch
        {
            0 => f with
            {
                Rows = Math.Max(1, f.Rows + random.Next(-2, 3)), Columns = Math.Max(1, f.Columns + random.Next(-2, 3)),
            },
            1 => f with
            {
                BitsAllocated = f.BitsAllocated == 8 ? 16 : 8,
                BitsStored = Math.Min(f.BitsStored, f.BitsAllocated == 8 ? 16 : 8),
            },
            2 => f with { BitsStored = random.Next(1, f.BitsAllocated + 1) },
            3 => f with
            {
                SamplesPerPixel = f.SamplesPerPixel == 1 ? 3 : 1,
                PhotometricInterpretation = f.SamplesPerPixel == 1 ? "RGB" : "MONOCHROME2",
            },
            4 => f with
            {
                PhotometricInterpretation = random.Next(2) == 0 ? "YBR_FULL_422" : "YBR_FULL",
                PixelRepresentation = 1 - f.PixelRepresentation,
            },
            _ => f with { BitsAllocated = 32, BitsStored = 32, PlanarConfiguration = 1 - f.PlanarConfiguration },
        };
    }
}
