using ChestDx.Core.Csv;

namespace ChestDx.Core.Labels;

/// <summary>
/// MIMIC-CXR-JPG 2.0.0: the CheXpert-labeler file (mimic-cxr-2.0.0-chexpert.csv or -negbio.csv: subject_id, study_id,
/// 14 observations, one row per study) joined on (subject_id, study_id) to metadata.csv (dicom_id, subject_id,
/// study_id, ViewPosition, …; one row per image), given as `--metadata`. One row per image of the metadata: the
/// image id is dicom_id (the JPEG's file name without extension), the patient subject_id, the view ViewPosition;
/// labels by <see cref="CheXpertValues"/>. MIMIC-CXR-JPG has no sex or age (they are in MIMIC-IV). An image whose study
/// has no labels row is kept with that problem (rejected with the reason); labelled studies without an image in the
/// metadata are counted.
/// </summary>
public static class MimicLabels
{
    public const string SubjectId = "subject_id";
    public const string StudyId = "study_id";
    public const string DicomId = "dicom_id";
    public const string ViewPosition = "ViewPosition";

    internal static LabelTable Read(CsvFile csv, string fileName, LabelReadOptions options)
    {
        if (options.Metadata is null)
            throw ChestDxException.ForFile(csv.Path, "MIMIC-CXR labels are per study: give the metadata.csv(.gz) that "
                + "lists each study's images with --metadata");
        int subject = csv.Require(SubjectId), study = csv.Require(StudyId);
        var values = new CheXpertValues(csv.Header, csv.Path, options.Uncertain ?? UncertainPolicies.IgnoreAll);
        var studies = new Dictionary<(string, string), (int Line, sbyte[] Labels, string? Problem)>();
        int duplicates = 0;
        while (csv.Read())
        {
            sbyte[] labels = values.Parse(csv.Field, out string? problem);
            var key = (csv.Field(subject).Trim(), csv.Field(study).Trim());
            if (!studies.TryAdd(key, (csv.LineNumber, labels, problem))) duplicates++;
        }

        byte[] metaBytes = File.Exists(options.Metadata) ? File.ReadAllBytes(options.Metadata)
            : throw ChestDxException.ForFile(options.Metadata, "metadata file not found");
        string metaName = Path.GetFileName(options.Metadata);
        using CsvFile meta = CsvFile.Open(options.Metadata, metaBytes);
        int dicom = meta.Require(DicomId), mSubject = meta.Require(SubjectId), mStudy = meta.Require(StudyId);
        int view = meta.Require(ViewPosition);
        var rows = new List<LabelRow>();
        var used = new HashSet<(string, string)>();
        var views = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var patients = new HashSet<string>(StringComparer.Ordinal);
        int unlabelled = 0;
        while (meta.Read())
        {
            var notes = new List<string>();
            string id = meta.Field(dicom).Trim(), patient = meta.Field(mSubject).Trim();
            var key = (patient, meta.Field(mStudy).Trim());
            string? problem = id.Length == 0 ? $"empty {DicomId}" : patient.Length == 0 ? $"empty {SubjectId}" : null;
            sbyte[] labels;
            if (studies.TryGetValue(key, out var s))
            {
                used.Add(key);
                labels = (sbyte[])s.Labels.Clone();
                if (s.Problem is not null) problem ??= $"{fileName} line {s.Line}: {s.Problem}";
            }
            else
            {
                labels = LabelValue.AllUnknown(values.Classes.Count);
                // The reason reaches rejected.csv: it names no subject or study id (under a site key those are clear
                // identifiers; the row's source column and the id map say which image it was).
                problem ??= $"its study has no row in {fileName}";
                unlabelled++;
            }
            string? v = Demographics.View(meta.Field(view), notes);
            views[v ?? "not stated"] = views.GetValueOrDefault(v ?? "not stated") + 1;
            if (patient.Length > 0) patients.Add(patient);
            string? patientId = patient.Length == 0 ? null : patient;
            rows.Add(new LabelRow(meta.LineNumber, id, patientId, v, null, null, labels, notes)
            {
                Source = metaName, LabelProblem = problem,
            });
        }
        int studiesWithoutImages = studies.Count - used.Count;
        var summary = new List<string>
        {
            $"MIMIC-CXR-JPG: {rows.Count:N0} images of {used.Count:N0} labelled studies, {patients.Count:N0} patients "
                + $"(subject_id); views {string.Join(", ", views.Select(kv => $"{kv.Key} {kv.Value:N0}"))}",
            $"{unlabelled:N0} images whose study has no labels row (rejected); {studiesWithoutImages:N0} labelled "
                + $"studies with no image in {metaName}; {duplicates:N0} duplicate study rows (first kept)",
        };
        summary.AddRange(values.Summary());
        return new LabelTable
        {
            Path = csv.Path, Format = LabelFileFormat.Mimic, Classes = values.Classes, Rows = rows,
            Uncertain = values.Masked(fileName), PatientColumn = SubjectId,
            Description = "MIMIC-CXR-JPG CheXpert-labeler output per study, joined to metadata.csv per image: "
                + "1 positive, 0 negative, -1 uncertain (by --uncertain), blank not mentioned",
            Adapter = new LabelAdapterInfo
            {
                PatientIds = PatientIdSource.Column, Uncertain = values.Policies,
                UncertainCells = values.UncertainCells,
                MetadataFile = metaName, MetadataSha256 = CsvFile.Sha256(metaBytes), Summary = summary,
            },
        };
    }
}
