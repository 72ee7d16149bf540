using System.Diagnostics;
using ChestDx.Dicom.Attributes;
using ChestDx.Dicom.Imaging;
using ChestDx.Dicom.Pixels;

namespace ChestDx.Dicom.Tests.Robustness;

/// <summary>
/// Seeded mutation fuzzing of whole files: reading, attributes, pixel decoding and rendering either succeed or throw
/// <see cref="DicomException"/>; anything else (IndexOutOfRange, OverflowException, OOM, a hang) fails the test.
/// <see cref="DicomPixelData"/> rewraps a codec's other exceptions as DicomException, so this test cannot see codec
/// bugs; <see cref="CodecFuzzTests"/> calls the codecs directly. Bounded in count and time so it stays a unit test;
/// every mutation has its own printed seed (<see cref="Mutator.Seed"/>), so any failure replays alone.
/// </summary>
public sealed class MutationFuzzTests
{
    internal const int BaseSeed = 20261126;
    private const int MutationsPerFile = 150;
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(40);

    // Small limits so a mutated Rows/Columns cannot make the test allocate gigabytes.
    private static readonly DicomReaderOptions Lenient =
        new() { MaxTotalSamples = 1 << 22, MaxInflatedBytes = 1 << 24 };
    private static readonly DicomReaderOptions Strict = Lenient with { Strictness = DicomStrictness.Strict };

    public static TheoryData<string> Fixtures() =>
    [
        "generated/base_u12_ele.dcm", "generated/u12_ile.dcm", "generated/u12_ebe.dcm", "generated/u12_defl.dcm",
        "generated/u12_seq_undef_ile.dcm", "generated/u12_seq_undef_ele.dcm", "generated/u12_rle.dcm",
        "generated/s16_rle.dcm", "generated/u8_rle.dcm", "generated/u12_jpeg_sv1_frag.dcm",
        "generated/base_u12_mono1_ele.dcm",
        "conformance/pydicom/MR_small_RLE.dcm", "conformance/pydicom/SC_rgb_rle_32bit_2frame.dcm",
        "conformance/pydicom/ExplVR_BigEnd.dcm", "conformance/pydicom/liver_1frame.dcm",
        "conformance/pydicom/SC_ybr_full_422_uncompressed.dcm", "conformance/pydicom-data/emri_small_RLE.dcm",
    ];

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Only_DicomException_escapes(string relative)
    {
        byte[] original = File.ReadAllBytes(TestFiles.Path_(relative));
        var clock = Stopwatch.StartNew();
        int run = 0;
        for (; run < MutationsPerFile && clock.Elapsed < Budget / Fixtures().Count; run++)
        {
            int seed = Mutator.Seed(BaseSeed, relative, run);
            (byte[] mutated, string how) = Mutator.Mutate(original, seed, fieldsFrom: 132);
            try
            {
                Exercise(mutated, run % 2 == 0 ? Lenient : Strict);
            }
            catch (DicomException)
            {
            }
            catch (Exception e)
            {
                Assert.Fail($"{relative} mutation {run}, seed {seed} (Mutator.Mutate(bytes, {seed}, 132)): {how}" +
                            $": {e.GetType().Name}: {e.Message}\n{e.StackTrace}");
            }
        }
        Assert.True(run >= 20, $"only {run} mutations ran in the time budget");
    }

    [Fact]
    public void Mutations_are_the_same_in_every_process()
    {
        // Pinned values: a seed derivation that changed between processes or .NET versions would break replay.
        Assert.Equal(Mutator.Seed(BaseSeed, "generated/u12_rle.dcm", 0),
            Mutator.Seed(BaseSeed, "generated/u12_rle.dcm", 0));
        Assert.Equal(212957087, Mutator.Seed(1, "a", 0)); // FNV-1a of "1/a/0", computed independently in Python
        (byte[] a, string how) = Mutator.Mutate([.. Enumerable.Range(0, 200).Select(i => (byte)i)], 42, 132);
        Assert.Equal(ExpectedMutationOf42, how);
        Assert.Equal(ExpectedLengthOf42, a.Length);
    }

    // System.Random(int) uses its legacy seeded algorithm, kept stable across .NET versions for this reason.
    private const string ExpectedMutationOf42 = "deleted 8 at 28";
    private const int ExpectedLengthOf42 = 192;

    private static void Exercise(byte[] bytes, DicomReaderOptions options)
    {
        DicomFile file = DicomReader.Read(bytes, options, "fuzz.dcm");
        _ = file.GetAttributes().ToString();
        _ = file.GetIdentifiers().All();
        if (!file.HasPixelData) return;
        DicomPixelData pixels = file.GetPixelData();
        for (int f = 0; f < Math.Min(pixels.FrameCount, 3); f++)
        {
            if (pixels.Layout is { IsMonochrome: true, SamplesPerPixel: 1 })
                GreyscaleRenderer.Render(pixels.DecodeSamples(f), pixels.Layout, file.Dataset,
                    new GreyscaleRenderOptions { Voi = VoiChoice.Percentile(1, 99) }, file.Path);
            else
                pixels.DecodeSamples(f);
        }
    }
}
