using System.Text;
using ChestDx.Core.Packs;
using ChestDx.Core.Progress;
using ChestDx.Ingest.Pipeline;
using ChestDx.Ingest.Privacy;

namespace ChestDx.Ingest.Tests.Pipeline;

public class DicomIngestTests
{
    private const string SiimPatient = "16d7f894-55d7-4d95-8957-d18987f0e981";
    private const string SiimUid = "1.2.276.0.7230010.3.1.4.8323329.6904.1517875201.850819";
    private const string NihPatient = "Covid0000";
    private const string NihUid = "1.3.6.1.4.1.11129.5.5.110503645592756492463169821050252582267888";

    private static string RealCxr(string name) => Path.Combine(TestData.Root, "dicom", "real-cxr", name);

    /// <summary>
    /// Copies a real DICOM, replacing identifier bytes with same-length markers (lengths unchanged, so the file stays
    /// valid).
    /// </summary>
    private static void CopyWith(string source, string target, params (string From, string To)[] replacements)
    {
        byte[] bytes = File.ReadAllBytes(source);
        foreach ((string from, string to) in replacements)
        {
            byte[] f = Encoding.ASCII.GetBytes(from), t = Encoding.ASCII.GetBytes(to);
            Assert.Equal(f.Length, t.Length);
            int count = 0;
            for (int i = bytes.AsSpan().IndexOf(f); i >= 0; i = bytes.AsSpan().IndexOf(f) is var j and >= 0 ? j : -1)
            {
                t.CopyTo(bytes, i);
                count++;
            }
            Assert.True(count > 0, $"{from} not found in {source}");
        }
        File.WriteAllBytes(target, bytes);
    }

    [Fact]
    public void Real_dicoms_are_ingested_with_no_identifier_in_any_output()
    {
        using var dir = new TempDir();
        string source = dir.Sub("export");
        Directory.CreateDirectory(Path.Combine(source, "study"));
        string secretPatient = "SECRET-PATIENT-ID-000000000000000042";
        string secretNih = "SECRET042";
        string fakeUid = SiimUid[..^1] + "7";
        CopyWith(RealCxr($"siim_{SiimUid}.dcm"), Path.Combine(source, "study", $"{SiimUid}.dcm"),
            (SiimPatient, secretPatient));
        CopyWith(RealCxr("siim_Fake_MONOCHROME1.dcm"), Path.Combine(source, "study", "mono1"),
            (SiimPatient, secretPatient), (SiimUid, fakeUid));
        CopyWith(RealCxr($"nih_gcp_{NihUid}.dcm"), Path.Combine(source, $"{NihUid}.dcm"), (NihPatient, secretNih));
        File.Copy(TestData.Broken("random_bytes.png"), Path.Combine(source, "garbage.dcm"));

        byte[] key = "hospital site key, 32 bytes long"u8.ToArray();
        var options = new IngestOptions
        {
            Source = source, Output = dir.Sub("pack"), Pseudonymiser = Pseudonymiser.FromKey(key, "test"), Workers = 2,
        };
        IngestReport report = IngestRunner.Run(options, NullProgressSink.Instance);

        using DatasetPack pack = DatasetPack.Open(dir.Sub("pack"));
        Assert.Equal(3, pack.Count);
        Assert.Single(report.Rejected);
        Assert.EndsWith(".dcm", report.Rejected[0].Source);
        foreach (string file in Directory.GetFiles(dir.Sub("pack")))
        {
            string text = Encoding.Latin1.GetString(File.ReadAllBytes(file));
            foreach (string secret in new[] { secretPatient, secretNih, SiimUid, fakeUid, NihUid, "study/", "export" })
                Assert.DoesNotContain(secret, text);
        }

        PackEntry siim = pack.Entries.Single(e =>
            e.Extra[ManifestColumns.SourceColour] == "MONOCHROME2" && e.View == "PA");
        PackEntry mono1 = pack.Entries.Single(e => e.Extra[ManifestColumns.SourceColour] == "MONOCHROME1");
        Assert.Equal(siim.PatientId, mono1.PatientId);
        Assert.NotEqual(siim.ImageId, mono1.ImageId);
        Assert.Equal("M", siim.Sex);
        Assert.Equal(62, siim.Age);
        Assert.Equal("dicom", siim.Extra[ManifestColumns.SourceFormat]);
        Assert.Equal("0.168\\0.168", siim.Extra[ManifestColumns.PixelSpacing]);
        Assert.Contains("MONOCHROME1 inverted", mono1.Extra[ManifestColumns.Notes]);
        // Same pixels, photometric flipped: the inverted rendering is the complement.
        ReadOnlySpan<byte> a = pack.GetImage(siim.Row), b = pack.GetImage(mono1.Row);
        double meanError = 0;
        for (int i = 0; i < a.Length; i++) meanError += Math.Abs(a[i] + b[i] - 255);
        Assert.True(meanError / a.Length < 1.5, $"mean |a + b − 255| = {meanError / a.Length}");
        Assert.All(pack.Entries, e => Assert.True(float.IsNaN(e.Labels[0])));
    }

    [Fact]
    public void The_same_image_twice_keeps_the_first_and_rejects_the_copy()
    {
        using var dir = new TempDir();
        string source = dir.Sub("src");
        Directory.CreateDirectory(source);
        // Two files with one SOP Instance UID (siim_Fake_MONOCHROME1.dcm is an edited copy of the SIIM file).
        File.Copy(RealCxr($"siim_{SiimUid}.dcm"), Path.Combine(source, "a.dcm"));
        File.Copy(RealCxr("siim_Fake_MONOCHROME1.dcm"), Path.Combine(source, "b.dcm"));
        var options = new IngestOptions
        {
            Source = source, Output = dir.Sub("pack"), Pseudonymiser = Pseudonymiser.None, Workers = 2,
        };
        IngestReport report = IngestRunner.Run(options, NullProgressSink.Instance);
        Assert.Equal(1, report.Info.Count);
        Assert.Equal("b.dcm", report.Rejected.Single().Source);
        Assert.Equal($"duplicate image id '{SiimUid}': same as manifest row 0", report.Rejected.Single().Reason);
    }
}
