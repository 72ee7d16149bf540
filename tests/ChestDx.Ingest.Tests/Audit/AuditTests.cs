using ChestDx.Core.Labels;
using ChestDx.Core.Packs;
using ChestDx.Core.Progress;
using ChestDx.Ingest.Audit;
using ChestDx.Ingest.Pipeline;
using ChestDx.Ingest.Tests.Pipeline;

namespace ChestDx.Ingest.Tests.Audit;

public class AuditTests
{
    [Fact]
    public void Psi_of_a_known_pair_of_mixes()
    {
        var a = new Dictionary<string, int> { ["PA"] = 50, ["AP"] = 50 };
        var b = new Dictionary<string, int> { ["PA"] = 25, ["AP"] = 75 };
        // (0.5 − 0.25)·ln 2 + (0.5 − 0.75)·ln(2/3)
        Assert.Equal(0.25 * Math.Log(2) - 0.25 * Math.Log(2.0 / 3), ShiftMeasures.Psi(a, b), 12);
        Assert.Equal(0, ShiftMeasures.Psi(a, a), 12);
    }

    [Fact]
    public void Kolmogorov_distribution_matches_its_tabulated_values()
    {
        // P(K > 1) = 0.26999967…; the 5 % critical value of K is 1.3581.
        Assert.Equal(0.26999967, ShiftMeasures.KolmogorovQ(1.0), 7);
        Assert.Equal(0.05, ShiftMeasures.KolmogorovQ(1.3581), 4);
        (double d, double p) = ShiftMeasures.KolmogorovSmirnov([1, 2, 3, 4], [3, 4, 5, 6]);
        Assert.Equal(0.5, d, 12);
        Assert.InRange(p, 0.3, 1);
        Assert.Equal(1.0, ShiftMeasures.KolmogorovSmirnov([1, 2, 3], [7, 8, 9]).D, 12);
    }

    [Fact]
    public void Two_packs_that_differ_get_shift_warnings_in_markdown_and_html()
    {
        using var dir = new TempDir();
        IngestRunner.Run(IngestRunnerTests.NihOptions(dir.Sub("nih")), NullProgressSink.Instance);
        // A "hospital" pack: the same images, all AP, all male, every image with an effusion.
        string labels = dir.Sub("hospital.csv");
        File.WriteAllLines(labels, new[] { "image_id,patient_id,view,sex,Effusion" }
            .Concat(TestData.SampleFiles.Select((f, i) => $"{Path.GetFileName(f)},H{i},AP,M,1")));
        IngestRunner.Run(
            IngestRunnerTests.NihOptions(dir.Sub("hospital"), labels: labels) with { Split = SplitSpec.Parse("none") },
            NullProgressSink.Instance);

        DatasetProfile a, b;
        using (var pack = DatasetPack.Open(dir.Sub("nih"))) a = DatasetProfile.Build("nih", pack);
        using (var pack = DatasetPack.Open(dir.Sub("hospital"))) b = DatasetProfile.Build("hospital", pack);
        AuditReport report = AuditReport.Create(a, b);
        Assert.Contains(report.Warnings, w => w.StartsWith("view: major shift"));
        Assert.Contains(report.Warnings, w => w.StartsWith("sex: major shift"));
        Assert.Contains(report.Warnings, w => w.StartsWith("Effusion: prevalence"));
        Assert.Contains(report.Warnings, w => w.StartsWith("Atelectasis: labelled in only one"));
        Assert.Contains(report.Shifts, s => s.What == "image mean" && s.Value == 0); // same pixels
        report.Write(dir.Sub("audit"));
        string md = File.ReadAllText(dir.Sub("audit/audit.md"));
        Assert.Contains("| PA | 6 (54.5 %) | 0 (0.0 %) |", md);
        string html = File.ReadAllText(dir.Sub("audit/audit.html"));
        Assert.Contains("<svg", html);
        Assert.Contains("major shift", html);
    }

    /// <summary>
    /// A pack whose labels combine several readers (VinDr-CXR) carries their Fleiss' kappa in pack.json; the audit
    /// shows it per class with the combination rule, "—" where kappa is undefined, and leaves other packs out.
    /// </summary>
    [Fact]
    public void Reader_agreement_from_pack_json_is_a_section_of_the_audit()
    {
        using var dir = new TempDir();
        IngestRunner.Run(IngestRunnerTests.NihOptions(dir.Sub("nih")), NullProgressSink.Instance);
        DatasetProfile nih;
        using (var pack = DatasetPack.Open(dir.Sub("nih"))) nih = DatasetProfile.Build("nih", pack);
        PackSettings settings = nih.Info.Settings!;
        var vindr = new DatasetProfile
        {
            Name = "vindr", Categories = nih.Categories, Continuous = nih.Continuous, Intensity = nih.Intensity,
            Info = nih.Info with
            {
                Settings = settings with
                {
                    Labels = settings.Labels with
                    {
                        Readers = ReaderRule.Majority,
                        ReaderAgreement = new Dictionary<string, double?>
                        {
                            ["Cardiomegaly"] = 0.789, ["Hernia"] = null,
                        },
                    },
                },
            },
        };

        string md = AuditReport.Create(nih, vindr).Markdown();

        Assert.Contains("## Reader agreement (Fleiss' kappa of the readers combined into each label)", md);
        Assert.Contains("| class | vindr (--readers majority) |", md);
        Assert.Contains("| Cardiomegaly | 0.789 |", md);
        Assert.Contains("| Hernia | — |", md);
        Assert.DoesNotContain("Reader agreement", AuditReport.Create(nih, null).Markdown());
    }
}
