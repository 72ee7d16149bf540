using System.Security.Cryptography;
using System.Text;
using ChestDx.Core.Labels;
using ChestDx.Ingest.Privacy;
using ChestDx.Ingest.Sources;

namespace ChestDx.Ingest.Tests.Privacy;

public class SourceNamesTests
{
    private static readonly byte[] Key = "a site key that is long enough!!"u8.ToArray();
    private static readonly SourceNames Keyed = new(Pseudonymiser.FromKey(Key, "test"));
    private static readonly SourceNames Clear = new(Pseudonymiser.None);
    private static readonly SourceFile File =
        new("/exports/SMITH_JOHN_12345/ACC987654.png", "SMITH_JOHN_12345/ACC987654.png");
    private static readonly LabelRow Row = new(2, "ACC987654.png", "MRN12345", null, null, null, [], []);

    /// <summary>
    /// HMAC-SHA256(key, purpose ‖ 0 ‖ value), first 32 hex digits: recomputed here, not through Pseudonymiser.
    /// </summary>
    private static string Hmac(string purpose, string value) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Key, Encoding.UTF8.GetBytes($"{purpose}\0{value}")))[..32];

    [Fact]
    public void Under_a_key_the_image_id_is_the_pseudonym_of_the_uid_else_the_labels_id_else_the_path()
    {
        Assert.Equal(Hmac("image", "1.2.3.4"), Keyed.ImageId("1.2.3.4", Row, File));
        Assert.Equal(Hmac("labels-image-id", "ACC987654.png"), Keyed.ImageId(null, Row, File));
        Assert.Equal(Hmac("path", File.RelativePath) + ".png", Keyed.ImageId(" ", null, File));
        // Path ids equal the source column.
        Assert.Equal(Keyed.Source(File.RelativePath), Keyed.ImageId(null, null, File));
        Assert.Equal(Keyed.ImageId(null, Row, File),
            new SourceNames(Pseudonymiser.FromKey(Key, "again")).ImageId(null, Row, File));
        Assert.NotEqual(Keyed.ImageId(null, Row, File),
            new SourceNames(Pseudonymiser.FromKey("another site's key, long enough"u8, "other"))
                .ImageId(null, Row, File));
    }

    [Fact]
    public void Without_a_key_the_labels_id_comes_first_and_nothing_changes()
    {
        Assert.Equal("ACC987654.png", Clear.ImageId("1.2.3.4", Row, File));
        Assert.Equal("1.2.3.4", Clear.ImageId("1.2.3.4", null, File));
        Assert.Equal(File.RelativePath, Clear.ImageId(null, null, File));
        Assert.Equal("cannot read /exports/SMITH_JOHN_12345/ACC987654.png",
            Clear.Scrub("cannot read /exports/SMITH_JOHN_12345/ACC987654.png", File, Row));
    }

    [Theory]
    [InlineData("Could not find file '/exports/SMITH_JOHN_12345/ACC987654.png'.")]
    [InlineData("SMITH_JOHN_12345/ACC987654.png: truncated IDAT")]
    [InlineData("ACC987654: bad CRC in folder SMITH_JOHN_12345")]
    public void Scrub_replaces_every_clear_name_of_the_file_by_its_pseudonym(string message)
    {
        string scrubbed = Keyed.Scrub(message, File, Row);
        foreach (string clear in new[] { "SMITH", "12345", "ACC987654", "exports" })
            Assert.DoesNotContain(clear, scrubbed);
        Assert.Contains(Keyed.Source(File.RelativePath), scrubbed);
    }
}
