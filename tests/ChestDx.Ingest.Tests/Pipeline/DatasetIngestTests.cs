using ChestDx.Core.Classes;
using ChestDx.Core.Labels;
using ChestDx.Core.Packs;
using ChestDx.Core.Progress;
using ChestDx.Imaging;
using ChestDx.Imaging.Readers;
using ChestDx.Ingest.Pipeline;
using ChestDx.Ingest.Privacy;

namespace ChestDx.Ingest.Tests.Pipeline;

/// <summary>
/// A CheXpert-layout folder (tests/data/other-datasets/chexpert-layout: six 128 px JPEGs made with cjpeg from the NIH
/// sample PNGs, and a train.csv of seven rows; PROVENANCE.md there) ingested end to end.
/// </summary>
public sealed class DatasetIngestTests
{
    private static string CheXpertRoot =>
        Path.Combine(TestData.Root, "other-datasets", "chexpert-layout", "CheXpert-v1.0-small");

    private static IngestOptions Options(string output, ViewFilter? views, string uncertain) => new()
    {
        Source = CheXpertRoot,
        Labels = Path.Combine(CheXpertRoot, "train.csv"),
        Output = output,
        Pseudonymiser = Pseudonymiser.None,
        Workers = 2,
        Views = views,
        LabelReading = new LabelReadOptions { Uncertain = UncertainPolicies.Parse(uncertain) },
        Readers = ImageLoadSettings.DefaultReaders,
    };

    [Fact]
    public void CheXpert_folder_with_frontal_views_and_the_paper_preset_makes_a_pack_that_accounts_for_every_input()
    {
        using var dir = new TempDir();
        var progress = new RecordingProgressSink();
        IngestReport report = IngestRunner.Run(
            Options(dir.Sub("pack"), ViewFilter.Parse("PA,AP"), "chexpert_paper"), progress);

        using DatasetPack pack = DatasetPack.Open(dir.Sub("pack"));
        // 6 JPEGs = 6 inputs: 5 frontal images kept, the lateral rejected; the labels row without an image is no
        // input and is listed apart.
        Assert.Equal(5, pack.Count);
        Assert.Equal(6, pack.Info.Inputs);
        var reasons = report.Rejected.ToDictionary(r => r.Source, r => r.Reason);
        Assert.Equal("view LATERAL not in --views PA,AP", reasons["train/patient00001/study1/view2_lateral.jpg"]);
        Assert.Equal(1, pack.Info.LabelsWithoutImage);
        Assert.Equal(2, File.ReadAllLines(Path.Combine(dir.Sub("pack"), PackFormat.LabelsWithoutImageFile)).Length);
        Assert.Contains(progress.Infos, l => l.StartsWith(
            "--views PA,AP: images kept 5 (AP 3, PA 2), dropped 1 (LATERAL 1;", StringComparison.Ordinal));
        Assert.Contains("labels: chexpert (detected from the header)", progress.Infos);

        LabelSettings labels = pack.Info.Settings!.Labels;
        Assert.Equal(LabelFileFormat.Chexpert, labels.Format);
        Assert.Equal(["PA", "AP"], labels.Views);
        Assert.Equal(PatientIdSource.Path, labels.PatientIdsFrom);
        Assert.Equal(UncertainPolicy.Ones, labels.Uncertain!["Atelectasis"]);
        Assert.Equal(UncertainPolicy.Ignore, labels.Uncertain["Pleural Effusion"]);
        Assert.Equal(2, labels.UncertainCells!["Atelectasis"]);
        Assert.Equal(ClassSet.CheXpert.Names, pack.Info.Classes);
        Assert.Equal(PatientIdStatus.Present, pack.Info.PatientIds);

        float L(PackEntry e, string cls) => e.Labels[ClassSet.CheXpert.IndexOf(cls)];
        PackEntry p1 = pack.Entries.Single(e => e.ImageId == "train/patient00001/study1/view1_frontal.jpg");
        Assert.Equal(("patient00001", "AP", "F", 61), (p1.PatientId, p1.View, p1.Sex, p1.Age));
        Assert.Equal(1f, L(p1, "Atelectasis")); // -1 → ones
        Assert.Equal(1f, L(p1, "Edema")); // -1 → ones
        Assert.Equal(0f, L(p1, "Pneumothorax"));
        Assert.Equal(0f, L(p1, "No Finding")); // blank, Cardiomegaly positive
        Assert.True(float.IsNaN(L(p1, "Fracture"))); // blank: not mentioned
        PackEntry p3 = pack.Entries.Single(e => e.ImageId == "train/patient00003/study1/view1_frontal.jpg");
        Assert.True(float.IsNaN(L(p3, "Pleural Effusion"))); // -1 → ignore
        Assert.True(float.IsNaN(L(p3, "Consolidation")));
        PackEntry p4 = pack.Entries.Single(e => e.ImageId == "train/patient00004/study1/view1_frontal.jpg");
        Assert.Null(p4.Sex); // "Unknown"
        Assert.Equal(0f, L(p4, "Edema")); // No Finding 1: blank pathology negative
        Assert.True(float.IsNaN(L(p4, "Support Devices"))); // except Support Devices
        // Both images of patient00003 land in the same split.
        Assert.Single(pack.Entries.Where(e => e.PatientId == "patient00003").Select(e => e.Split).Distinct());
        Assert.All(pack.Entries, e => Assert.Equal("jpeg", e.Extra[ManifestColumns.SourceFormat]));
    }

    [Fact]
    public void Without_a_view_filter_the_lateral_is_kept_and_pack_json_records_no_views()
    {
        using var dir = new TempDir();
        IngestRunner.Run(Options(dir.Sub("pack"), null, "ignore"), NullProgressSink.Instance);
        using DatasetPack pack = DatasetPack.Open(dir.Sub("pack"));
        Assert.Equal(6, pack.Count);
        Assert.Equal("LATERAL", pack.Entries.Single(e => e.ImageId.EndsWith("view2_lateral.jpg")).View);
        Assert.Null(pack.Info.Settings!.Labels.Views);
        Assert.DoesNotContain("\"views\"", File.ReadAllText(Path.Combine(dir.Sub("pack"), PackFormat.InfoFile)));
    }
}

/// <summary>
/// RSNA Pneumonia's ids are per image, and so is the DICOM PatientID of its files: the pack must not take a header's
/// PatientID for a patient (two real DICOMs of tests/data/dicom/real-cxr, both with a PatientID, named as RSNA names
/// its files).
/// </summary>
public sealed class PerImageIdIngestTests
{
    private static (string Source, string Labels) Rsna(TempDir dir)
    {
        string source = dir.Sub("images");
        Directory.CreateDirectory(source);
        string real = Path.Combine(TestData.Root, "dicom", "real-cxr");
        File.Copy(Directory.GetFiles(real, "siim_1.*.dcm").Single(), Path.Combine(source, "a1.dcm"));
        File.Copy(Directory.GetFiles(real, "nih_gcp_*.dcm").Single(), Path.Combine(source, "b2.dcm"));
        string labels = dir.Sub("stage_2_train_labels.csv");
        File.WriteAllText(labels, "patientId,x,y,width,height,Target\na1,,,,,0\nb2,10.0,20.0,30.0,40.0,1\n"
            + "b2,50.0,60.0,30.0,40.0,1\n");
        return (source, labels);
    }

    [Fact]
    public void Rsna_dicoms_get_no_patient_id_and_a_split_by_patient_needs_the_stated_assumption()
    {
        using var dir = new TempDir();
        (string source, string labels) = Rsna(dir);
        var options = new IngestOptions
        {
            Source = source, Labels = labels, Output = dir.Sub("pack"), Pseudonymiser = Pseudonymiser.None,
            Workers = 1,
        };
        var e = Assert.Throws<Core.ChestDxException>(() => IngestRunner.Run(options, NullProgressSink.Instance));
        Assert.Contains("no patient ids: rsna publishes ids per image, not per patient", e.Message);

        IngestRunner.Run(options with { OneImagePerPatient = true }, NullProgressSink.Instance);
        using DatasetPack pack = DatasetPack.Open(dir.Sub("pack"));
        Assert.Equal(2, pack.Count);
        Assert.All(pack.Entries, x => Assert.Equal("", x.PatientId));
        Assert.Equal(PatientIdStatus.Absent, pack.Info.PatientIds);
        Assert.Equal(PatientIdSource.PerImage, pack.Info.Settings!.Labels.PatientIdsFrom);
        Assert.Equal([0f, 1f], pack.Entries.OrderBy(x => x.ImageId).Select(x => x.Labels[0]));
    }
}
