using System.Diagnostics;
using ChestDx.Dicom.Attributes;
using ChestDx.Dicom.Imaging;
using ChestDx.Dicom.Pixels;

namespace ChestDx.Dicom.Tests.Robustness;

/// <summary>
/// Seeded mutation fuzzing over the fixtures: bit flips, truncations, corrupted length fields, inserted and
/// deleted bytes. Whatever the mutation, reading, attributes, pixel decoding and rendering either succeed or throw
/// <see cref="DicomException"/>; anything else (IndexOutOfRange, OverflowException, OOM, a hang) fails the test.
/// Bounded in count and time so it stays a unit test; the seed makes every failure reproducible.
/// </summary>
public sealed class MutationFuzzTests
{
    private const int Seed = 20261126;
    private const int MutationsPerFile = 150;
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(40);

    // Small limits so a mutated Rows/Columns cannot make the test allocate gigabytes.
    private static readonly DicomReaderOptions Lenient = new() { MaxTotalSamples = 1 << 22, MaxInflatedBytes = 1 << 24 };
    private static readonly DicomReaderOptions Strict = Lenient with { Strictness = DicomStrictness.Strict };

    public static TheoryData<string> Fixtures() =>
    [
        "generated/base_u12_ele.dcm", "generated/u12_ile.dcm", "generated/u12_ebe.dcm", "generated/u12_defl.dcm",
        "generated/u12_seq_undef_ile.dcm", "generated/u12_seq_undef_ele.dcm", "generated/u12_rle.dcm",
        "generated/s16_rle.dcm", "generated/u12_jpeg_sv1_frag.dcm", "generated/base_u12_mono1_ele.dcm",
        "conformance/pydicom/MR_small_RLE.dcm", "conformance/pydicom/SC_rgb_rle_32bit_2frame.dcm",
        "conformance/pydicom/ExplVR_BigEnd.dcm", "conformance/pydicom/liver_1frame.dcm",
        "conformance/pydicom/SC_ybr_full_422_uncompressed.dcm", "conformance/pydicom-data/emri_small_RLE.dcm",
    ];

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Only_DicomException_escapes(string relative)
    {
        byte[] original = File.ReadAllBytes(TestFiles.Path_(relative));
        var random = new Random(HashCode.Combine(Seed, relative.Length, relative[^8]));
        var clock = Stopwatch.StartNew();
        int run = 0;
        for (; run < MutationsPerFile && clock.Elapsed < Budget / Fixtures().Count; run++)
        {
            (byte[] mutated, string how) = Mutate(original, random);
            try
            {
                Exercise(mutated, run % 2 == 0 ? Lenient : Strict);
            }
            catch (DicomException)
            {
            }
            catch (Exception e)
            {
                Assert.Fail($"{relative} mutation {run} ({how}): {e.GetType().Name}: {e.Message}\n{e.StackTrace}");
            }
        }
        Assert.True(run >= 20, $"only {run} mutations ran in the time budget");
    }

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
                GreyscaleRenderer.Render(pixels.DecodeSamples(f), pixels.Layout, file.Dataset, new GreyscaleRenderOptions { Voi = VoiChoice.Percentile(1, 99) }, file.Path);
            else
                pixels.DecodeSamples(f);
        }
    }

    private static (byte[], string) Mutate(byte[] original, Random random)
    {
        byte[] b = (byte[])original.Clone();
        switch (random.Next(5))
        {
            case 0:
                int flips = random.Next(1, 9);
                for (int i = 0; i < flips; i++) b[random.Next(b.Length)] ^= (byte)(1 << random.Next(8));
                return (b, $"{flips} bit flips");
            case 1:
                int keep = random.Next(b.Length);
                return (b[..keep], $"truncated to {keep}");
            case 2:
                // A 16- or 32-bit field, likely a length, set to an extreme value.
                int at = random.Next(132, b.Length - 4) & ~1;
                uint value = random.Next(4) switch { 0 => 0xFFFFFFFF, 1 => 0x7FFFFFFF, 2 => (uint)random.Next(), _ => 0xFFFE };
                if (random.Next(2) == 0) BitConverter.GetBytes(value).CopyTo(b, at);
                else BitConverter.GetBytes((ushort)value).CopyTo(b, at);
                return (b, $"field at {at} = 0x{value:X}");
            case 3:
                int from = random.Next(b.Length), count = random.Next(1, 64);
                return ([.. b[..from], .. b[Math.Min(b.Length, from + count)..]], $"deleted {count} at {from}");
            default:
                int where = random.Next(b.Length);
                byte[] junk = new byte[random.Next(1, 16)];
                random.NextBytes(junk);
                return ([.. b[..where], .. junk, .. b[where..]], $"inserted {junk.Length} at {where}");
        }
    }
}
