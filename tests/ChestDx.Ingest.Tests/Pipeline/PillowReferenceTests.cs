using System.Security.Cryptography;
using ChestDx.Core.Packs;
using ChestDx.Core.Progress;
using ChestDx.Ingest.Pipeline;

namespace ChestDx.Ingest.Tests.Pipeline;

public class PillowReferenceTests
{
    [Fact]
    public void Pack_images_equal_Pillow_reduce4_byte_for_byte()
    {
        using var dir = new TempDir();
        IngestRunner.Run(IngestRunnerTests.NihOptions(dir.Sub("pack")), NullProgressSink.Instance);
        using DatasetPack pack = DatasetPack.Open(dir.Sub("pack"));
        string[] lines = File.ReadAllLines(TestData.Broken("pillow_reduce4_sha256.csv")).Skip(1).ToArray();
        Assert.Equal(11, lines.Length);
        foreach (string line in lines)
        {
            string[] f = line.Split(',');
            PackEntry e = pack.Entries.Single(x => x.ImageId == f[0]);
            ReadOnlySpan<byte> image = pack.GetImage(e.Row);
            Assert.Equal(int.Parse(f[2]), image[0]);
            Assert.Equal(int.Parse(f[3]), image[128 * 256 + 128]);
            Assert.Equal(int.Parse(f[4]), image[255 * 256 + 200]);
            Assert.Equal(f[1], Convert.ToHexStringLower(SHA256.HashData(image)));
            Assert.Equal(f[1], e.Extra[ManifestColumns.PixelsSha256]);
        }
    }
}
