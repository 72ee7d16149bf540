using ChestDx.Core;
using ChestDx.Core.Classes;
using ChestDx.Core.Labels;
using ChestDx.Core.Progress;

namespace ChestDx.Ingest.Tests.Labels;

/// <summary>
/// The dataset adapters on the real label files (tests/data/other-datasets, PROVENANCE.md there) and on small files
/// built from the documented MIMIC-CXR-JPG and PadChest schemas. Every expected number was computed independently
/// with python3's csv module by the command quoted beside it, never by ChestDx.
/// </summary>
public sealed class DatasetAdapterTests
{
    private static string Data(params string[] parts) =>
        Path.Combine([TestData.Root, "other-datasets", .. parts]);

    private static string CheXpertTrain => Data("chexpert", "chexpert_train.csv.gz");

    private static LabelTable Read(string path, LabelReadOptions? options = null) =>
        LabelFile.Read(path, options ?? new LabelReadOptions(), NullProgressSink.Instance);

    private static (int Pos, int Neg, int Unknown) Count(LabelTable t, string cls)
    {
        int c = t.Classes.IndexOf(cls);
        Assert.True(c >= 0, cls);
        return (t.Rows.Count(r => r.Labels[c] == LabelValue.Positive),
            t.Rows.Count(r => r.Labels[c] == LabelValue.Negative),
            t.Rows.Count(r => r.Labels[c] == LabelValue.Unknown));
    }

    // python3 tests/data/other-datasets/reference_counts.py (CheXpert part): rows =
    // list(csv.DictReader(gzip.open('chexpert_train.csv.gz', 'rt'))); len(rows) == 223414; len({r['Path'].split('/')[2]
    // for r in rows}) == 64540; views Counter('LATERAL' if r['Frontal/Lateral'] == 'Lateral' else r['AP/PA']) == AP
    // 161590, PA 29420, LATERAL 32387, LL 16, RL 1; Sex 'Unknown' on 1 row; raw -1.0 cells: Atelectasis 33739, Edema
    // 12984, Cardiomegaly 8087, Support Devices 1079.
    [Fact]
    public void CheXpert_train_csv_is_detected_and_its_rows_patients_views_and_uncertain_cells_match_python()
    {
        LabelTable t = Read(CheXpertTrain);
        Assert.Equal(LabelFileFormat.Chexpert, t.Format);
        Assert.Equal(ClassSet.CheXpert, t.Classes);
        Assert.Equal(223_414, t.Rows.Count);
        Assert.All(t.Rows, r => Assert.Null(r.Error));
        Assert.Equal(64_540, t.Rows.Select(r => r.PatientId).Distinct().Count());
        var views = t.Rows.GroupBy(r => r.View ?? "").ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(new Dictionary<string, int>
        {
            ["AP"] = 161_590, ["PA"] = 29_420, ["LATERAL"] = 32_387, ["LL"] = 16, ["RL"] = 1,
        }, views);
        Assert.Equal(1, t.Rows.Count(r => r.Sex is null));
        LabelRow first = t.Rows[0];
        Assert.Equal(("train/patient00001/study1/view1_frontal.jpg", "patient00001", "AP", "F", 68),
            (first.ImageId, first.PatientId, first.View, first.Sex, first.Age));
        Assert.Equal(PatientIdSource.Path, t.Adapter!.PatientIds);
        Assert.Equal(33_739, t.Adapter.UncertainCells!["Atelectasis"]);
        Assert.Equal(12_984, t.Adapter.UncertainCells["Edema"]);
        Assert.Equal(8_087, t.Adapter.UncertainCells["Cardiomegaly"]);
        Assert.Equal(1_079, t.Adapter.UncertainCells["Support Devices"]);
        Assert.All(t.Adapter.Uncertain!.Values, p => Assert.Equal(UncertainPolicy.Ignore, p));
        // Masked uncertain labels are recorded, so evaluation refuses to score those classes.
        Assert.Contains("Atelectasis", t.Uncertain.Keys);
    }

    // python3 tests/data/other-datasets/reference_counts.py (CheXpert part): per cell 1.0 → 1, 0.0 → 0, '' → unknown,
    // -1.0 by policy; then on No Finding == '1.0' rows every blank but Support Devices → 0, and on rows with No Finding
    // '' and a pathology (not Support Devices) '1.0', No Finding → 0. Counts (positive, negative, unknown):
    [Theory]
    [InlineData("ignore", "No Finding", 22_381, 183_519, 17_514)]
    [InlineData("ignore", "Atelectasis", 33_376, 23_226, 166_812)]
    [InlineData("ignore", "Edema", 52_246, 38_646, 132_522)]
    [InlineData("ignore", "Support Devices", 116_001, 6_137, 101_276)]
    [InlineData("chexpert_paper", "Atelectasis", 67_115, 23_226, 133_073)]
    [InlineData("chexpert_paper", "Edema", 65_230, 38_646, 119_538)]
    [InlineData("chexpert_paper", "Cardiomegaly", 27_000, 30_147, 166_267)]
    [InlineData("zeros", "Atelectasis", 33_376, 56_965, 133_073)]
    [InlineData("zeros", "Cardiomegaly", 27_000, 38_234, 158_180)]
    [InlineData("zeros", "Support Devices", 116_001, 7_216, 100_197)]
    [InlineData("zeros,Atelectasis=ones", "Atelectasis", 67_115, 23_226, 133_073)]
    [InlineData("zeros,Atelectasis=ones", "Cardiomegaly", 27_000, 38_234, 158_180)]
    public void CheXpert_uncertain_policy_gives_the_label_counts_python_computes(string policy, string cls, int pos,
        int neg, int unknown)
    {
        LabelTable t = Read(CheXpertTrain, new LabelReadOptions { Uncertain = UncertainPolicies.Parse(policy) });
        Assert.Equal((pos, neg, unknown), Count(t, cls));
        if (policy == "chexpert_paper")
        {
            Assert.Equal(UncertainPolicy.Ones, t.Adapter!.Uncertain!["Edema"]);
            Assert.Equal(UncertainPolicy.Ignore, t.Adapter.Uncertain["Cardiomegaly"]);
            Assert.DoesNotContain("Edema", t.Uncertain.Keys);
        }
    }

    // python3 tests/data/other-datasets/reference_counts.py (VinDr part): 67,914 rows, 15,000 images, 3 readers on
    // each; positives under any (>= 1 reader) and majority (>= 2 of 3); Fleiss' kappa by the categorical formula sum_j
    // n_ij(n_ij - 1) / (n(n - 1)) over categories {absent, present}, P_e = sum_j p_j^2 (an implementation independent
    // of ReaderAgreement's).
    [Theory]
    [InlineData("Aortic enlargement", 3_067, 2_346, 0.780186)]
    [InlineData("Atelectasis", 186, 62, 0.364666)]
    [InlineData("Cardiomegaly", 2_300, 1_817, 0.789402)]
    [InlineData("Nodule/Mass", 826, 405, 0.528403)]
    [InlineData("Pleural effusion", 1_032, 634, 0.704465)]
    [InlineData("Pneumothorax", 96, 58, 0.742580)]
    [InlineData("Pulmonary fibrosis", 1_617, 1_017, 0.675228)]
    public void VinDr_readers_any_and_majority_and_Fleiss_kappa_match_python(string cls, int any, int majority,
        double kappa)
    {
        string file = Data("vindr-cxr", "vinbigdata-train.csv.gz");
        LabelTable a = Read(file);
        LabelTable m = Read(file, new LabelReadOptions { Readers = ReaderRule.Majority });
        Assert.Equal(LabelFileFormat.Vindr, a.Format);
        Assert.Equal(ClassSet.VinDrCxr, a.Classes);
        Assert.Equal(15_000, a.Rows.Count);
        Assert.Equal((any, 15_000 - any, 0), Count(a, cls));
        Assert.Equal((majority, 15_000 - majority, 0), Count(m, cls));
        Assert.Equal(ReaderRule.Majority, m.Adapter!.Readers);
        double got = a.Adapter!.ReaderAgreement![cls]!.Value;
        Assert.True(Math.Abs(got - kappa) <= 1e-5 * kappa, $"{cls}: kappa {got}, python {kappa}");
        Assert.All(a.Rows, r => Assert.Null(r.PatientId));
        Assert.Equal(PatientIdSource.PerImage, a.Adapter.PatientIds);
        Assert.Equal("50a418190bc3fb1ef1633bf9678929b3", a.Rows[0].ImageId);
    }

    // python3 tests/data/other-datasets/reference_counts.py (RSNA part): 30,227 rows, 26,684 patientIds, none with two
    // Target values, 6,012 with Target 1 (9,555 boxes); headers: PA 14,511, AP 12,173; M 15,166, F 11,518; 5 ages over
    // 120; every image has a header row.
    [Fact]
    public void Rsna_labels_with_the_header_table_give_one_row_per_image_and_python_counts()
    {
        LabelTable t = Read(Data("rsna-pneumonia", "stage_2_train_labels.csv.zip"), new LabelReadOptions
        {
            Metadata = Data("rsna-pneumonia", "stage_2_train_images_dicom_headers.csv.gz"),
        });
        Assert.Equal(LabelFileFormat.Rsna, t.Format);
        Assert.Equal(26_684, t.Rows.Count);
        Assert.Equal((6_012, 26_684 - 6_012, 0), Count(t, "Pneumonia"));
        Assert.Equal(14_511, t.Rows.Count(r => r.View == "PA"));
        Assert.Equal(12_173, t.Rows.Count(r => r.View == "AP"));
        Assert.Equal(15_166, t.Rows.Count(r => r.Sex == "M"));
        Assert.Equal(11_518, t.Rows.Count(r => r.Sex == "F"));
        Assert.Equal(5, t.AgesBlanked);
        Assert.All(t.Rows, r => Assert.Null(r.PatientId));
        Assert.Equal(PatientIdSource.PerImage, t.Adapter!.PatientIds);
        Assert.Equal("stage_2_train_images_dicom_headers.csv.gz", t.Adapter.MetadataFile);
    }

    // Built from notes/datasets.md's MIMIC-CXR-JPG schema (PROVENANCE.md): 6 images in metadata.csv, 5 studies in
    // chexpert.csv, one image (subject 10000935) whose study has no labels row, one labelled study (10001176) without
    // an image.
    [Fact]
    public void Mimic_joins_study_labels_to_metadata_images_with_subject_as_patient()
    {
        LabelTable t = Read(Data("mimic-cxr-jpg", "mimic-cxr-2.0.0-chexpert.csv"), new LabelReadOptions
        {
            Metadata = Data("mimic-cxr-jpg", "mimic-cxr-2.0.0-metadata.csv"),
            Uncertain = UncertainPolicies.Parse("Atelectasis=ones"),
        });
        Assert.Equal(LabelFileFormat.Mimic, t.Format);
        Assert.Equal(ClassSet.CheXpert, t.Classes);
        Assert.Equal(6, t.Rows.Count);
        Assert.Equal(["10000032", "10000032", "10000032", "10000764", "10000898", "10000935"],
            t.Rows.Select(r => r.PatientId));
        Assert.Equal(["PA", "LATERAL", "AP", null, null, "PA"], t.Rows.Select(r => r.View));
        Assert.Contains(Demographics.ViewNote, t.Rows[3].Notes); // "AP AXIAL"
        sbyte L(LabelRow r, string cls) => r.Labels[t.Classes.IndexOf(cls)];
        // Study 50414267: No Finding 1, so both its images have every blank pathology negative, Support Devices
        // unknown.
        Assert.Equal(LabelValue.Positive, L(t.Rows[1], "No Finding"));
        Assert.Equal(LabelValue.Negative, L(t.Rows[1], "Edema"));
        Assert.Equal(LabelValue.Unknown, L(t.Rows[1], "Support Devices"));
        // Study 53189527: Atelectasis -1 → 1 (ones), Pleural Effusion -1 → unknown, Cardiomegaly 1 makes the blank
        // No Finding negative.
        LabelRow r2 = t.Rows[2];
        Assert.Equal([1, 1, 0, -1, -1], new[] { "Atelectasis", "Cardiomegaly", "Edema", "Pleural Effusion", "Fracture" }
            .Select(c => (int)L(r2, c)));
        Assert.Equal(LabelValue.Negative, L(r2, "No Finding"));
        Assert.Equal(1, t.Adapter!.UncertainCells!["Atelectasis"]);
        Assert.Equal(1, t.Adapter.UncertainCells["Edema"]);
        Assert.Null(t.Rows[4].Error);
        // The reason goes to rejected.csv: no subject or study id in it (clear identifiers under a site key).
        Assert.Equal("mimic-cxr-2.0.0-metadata.csv line 7: its study has no row in mimic-cxr-2.0.0-chexpert.csv",
            t.Rows[5].Error);
        Assert.DoesNotMatch(@"\d{6,}", t.Rows[5].Error!);
        Assert.Contains(t.Adapter.Summary, l => l.Contains("1 labelled studies with no image"));
    }

    [Fact]
    public void Mimic_labels_without_metadata_or_given_the_metadata_as_labels_are_one_line_errors()
    {
        var e = Assert.Throws<ChestDxException>(() => Read(Data("mimic-cxr-jpg", "mimic-cxr-2.0.0-chexpert.csv")));
        Assert.Contains("--metadata", e.Message);
        e = Assert.Throws<ChestDxException>(() => Read(Data("mimic-cxr-jpg", "mimic-cxr-2.0.0-metadata.csv")));
        Assert.Contains("this is MIMIC-CXR-JPG's metadata.csv", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    // Built from notes/datasets.md's PadChest columns (PROVENANCE.md): 5 images of 4 patients.
    [Fact]
    public void PadChest_terms_map_to_the_restricted_classes_and_other_terms_are_counted()
    {
        LabelTable t = Read(Data("padchest", "padchest_labels_sample.csv"));
        Assert.Equal(LabelFileFormat.Padchest, t.Format);
        Assert.Equal(ClassSet.PadChest, t.Classes);
        Assert.Equal(5, t.Rows.Count);
        string[] Positives(LabelRow r) => t.Classes.Names.Where((_, c) => r.Labels[c] == LabelValue.Positive).ToArray();
        Assert.Empty(Positives(t.Rows[0])); // ['normal']
        Assert.All(t.Rows[0].Labels, v => Assert.Equal(LabelValue.Negative, v));
        Assert.Equal(["Cardiomegaly", "Effusion"], Positives(t.Rows[1]));
        Assert.Equal(["Atelectasis", "Infiltration", "Consolidation", "Tube"], Positives(t.Rows[3]));
        Assert.Equal(["chronic changes"], t.Ignored);
        Assert.Contains("no terms", t.Rows[4].Error);
        Assert.Equal(["PA", "PA", "LATERAL", "AP", "PA"], t.Rows.Select(r => r.View));
        Assert.Equal([84, 70, 70, 56, null], t.Rows.Select(r => r.Age)); // study year − PatientBirth
        Assert.Equal(4, t.Rows.Select(r => r.PatientId).Distinct().Count());
        Assert.Equal("O", t.Rows[4].Sex);
    }

    // PhysioNet's image_labels_train.csv layout (one row per image and radiologist, 0/1 per label), with one label
    // column left out (unknown for every image) and one column that is no VinDr label (ignored and listed).
    [Fact]
    public void VinDr_PhysioNet_layout_combines_readers_per_column_and_leaves_a_missing_label_unknown()
    {
        using var dir = new TempDir();
        string[] present = ClassSet.VinDrCxrPhysioNet.Names.Where(n => n != "Other diseases").ToArray();
        string Row(string image, string rad, params string[] positives) =>
            $"{image},{rad},{string.Join(",", present.Select(n => positives.Contains(n) ? "1" : "0"))},0";
        string file = dir.Sub("image_labels_train.csv");
        File.WriteAllLines(file,
        [
            $"image_id,rad_id,{string.Join(",", present)},Site",
            Row("i1", "R1", "Cardiomegaly", "COPD"), Row("i1", "R2", "Cardiomegaly"), Row("i1", "R3", "No finding"),
            Row("i2", "R4", "Edema"), Row("i2", "R5", "No finding"), Row("i2", "R6", "No finding"),
        ]);
        LabelTable any = Read(file), majority = Read(file, new LabelReadOptions { Readers = ReaderRule.Majority });
        Assert.Equal(ClassSet.VinDrCxrPhysioNet, any.Classes);
        Assert.Equal(["Site"], any.Ignored);
        sbyte L(LabelTable t, int row, string cls) => t.Rows[row].Labels[t.Classes.IndexOf(cls)];
        Assert.Equal((1, 1, 1, 1), ((int)L(any, 0, "Cardiomegaly"), (int)L(any, 0, "COPD"),
            (int)L(any, 0, "No finding"), (int)L(any, 1, "Edema")));
        Assert.Equal((1, 0, 0, 0), ((int)L(majority, 0, "Cardiomegaly"), (int)L(majority, 0, "COPD"),
            (int)L(majority, 0, "No finding"), (int)L(majority, 1, "Edema")));
        Assert.Equal(1, L(majority, 1, "No finding"));
        Assert.Equal(LabelValue.Unknown, L(any, 0, "Other diseases"));
        Assert.DoesNotContain("Other diseases", any.Adapter!.ReaderAgreement!.Keys);
        // Cardiomegaly: n_i = 2, 0 of 3 → P_i = 1/3, 1; P̄ = 2/3; p = 2/6; P_e = 5/9;
        // kappa = (2/3 − 5/9) / (4/9) = 1/4.
        Assert.Equal(0.25, any.Adapter.ReaderAgreement["Cardiomegaly"]!.Value, 6);
    }

    [Fact]
    public void A_header_fitting_two_datasets_or_a_stated_format_the_header_contradicts_is_one_line_error()
    {
        using var dir = new TempDir();
        string both = dir.Sub("both.csv");
        File.WriteAllText(both, "Path,Frontal/Lateral,image_id,rad_id,class_name\na,Frontal,x,R1,Cardiomegaly\n");
        var e = Assert.Throws<ChestDxException>(() => Read(both));
        Assert.Contains("ambiguous header: it fits chexpert and vindr; choose one with --format", e.Message);
        e = Assert.Throws<ChestDxException>(() =>
            Read(CheXpertTrain, new LabelReadOptions { Format = DatasetFormat.Vindr }));
        Assert.Contains("--format vindr, but the header is chexpert's", e.Message);
        e = Assert.Throws<ChestDxException>(() =>
            Read(CheXpertTrain, new LabelReadOptions { Readers = ReaderRule.Any }));
        Assert.Contains("--readers applies to VinDr-CXR labels; this file is chexpert", e.Message);
        e = Assert.Throws<ChestDxException>(() =>
            Read(CheXpertTrain, new LabelReadOptions { Uncertain = UncertainPolicies.Parse("Hernia=ones") }));
        Assert.Contains("--uncertain Hernia=: not a class of chexpert", e.Message);
        // --format csv reads any file as the generic CSV, which needs an image id column CheXpert does not have.
        e = Assert.Throws<ChestDxException>(() =>
            Read(CheXpertTrain, new LabelReadOptions { Format = DatasetFormat.Csv }));
        Assert.Contains("expected a 'image_id' column", e.Message);
        Assert.Contains("the header is no dataset's layout (--format nih|chexpert|mimic|padchest|vindr|rsna|csv)",
            e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Theory]
    [InlineData("ones,ones", "two defaults")]
    [InlineData("maybe", "'maybe' is not ignore, zeros or ones")]
    [InlineData("Edema=half", "--uncertain Edema= 'half' is not ignore, zeros or ones")]
    [InlineData("=ones", "names no class")]
    public void Uncertain_option_refuses_bad_text(string text, string message) =>
        Assert.Contains(message, Assert.Throws<ChestDxException>(() => UncertainPolicies.Parse(text)).Message);

    [Fact]
    public void View_filter_expands_groups_and_keeps_unknown_only_when_asked()
    {
        ViewFilter f = ViewFilter.Parse("ap, pa");
        Assert.Equal(["PA", "AP"], f.Terms);
        Assert.False(f.Keeps("LATERAL"));
        Assert.False(f.Keeps(null));
        Assert.Equal("view LATERAL not in --views PA,AP", f.Reason("LATERAL"));
        Assert.Equal(["PA", "AP", "LL", "RL", "LATERAL", "UNKNOWN"], ViewFilter.Parse("lateral,frontal,unknown").Terms);
        Assert.Contains("'oblique' is not a view",
            Assert.Throws<ChestDxException>(() => ViewFilter.Parse("PA,oblique")).Message);
    }

    // Fleiss (1971) by hand: 4 items, 3 readers, n_i = 3, 0, 2, 1 → P_i = 1, 1, 1/3, 1/3, P̄ = 2/3, p = 6/12 = 1/2,
    // P_e = 1/2, kappa = (2/3 − 1/2) / (1/2) = 1/3. Perfect agreement with both categories used gives 1; a finding
    // nobody marks has no chance agreement to correct for: undefined.
    [Fact]
    public void Fleiss_kappa_matches_hand_computed_values()
    {
        Assert.Equal(1.0 / 3, ReaderAgreement.FleissKappa([3, 0, 2, 1], 3)!.Value, 12);
        Assert.Equal(1.0, ReaderAgreement.FleissKappa([3, 0, 3, 0], 3)!.Value, 12);
        Assert.Null(ReaderAgreement.FleissKappa([0, 0, 0], 3));
    }
}
