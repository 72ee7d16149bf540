using ChestDx.Core.Classes;
using ChestDx.Core.Csv;

namespace ChestDx.Core.Labels;

/// <summary>
/// RSNA Pneumonia Detection Challenge stage_2_train_labels.csv: patientId, x, y, width, height, Target; one row per
/// box, one row without a box for Target 0. One row per image (patientId, which names the file patientId.dcm) in
/// <see cref="ClassSet.Rsna"/>: Pneumonia = Target (the challenge's "lung opacity suggestive of pneumonia"); an image
/// whose rows disagree on Target is unusable. Despite its name, patientId is per image (the challenge's DICOMs carry
/// it as PatientID too), so the pack has no patient ids (<see cref="PatientIdSource.PerImage"/>). With `--metadata`
/// (stage_2_train_images_dicom_headers.csv: PatientID, ViewPosition, PatientSex, PatientAge) rows get their view, sex
/// and age before decoding; without it they come from each DICOM header.
/// </summary>
public static class RsnaLabels
{
    public const string PatientIdColumn = "patientId";
    public const string Target = "Target";

    internal static LabelTable Read(CsvFile csv, string fileName, LabelReadOptions options)
    {
        int id = csv.Require(PatientIdColumn), target = csv.Require(Target);
        var images = new Dictionary<string, (int Line, int Target, int Boxes, string? Problem)>(StringComparer.Ordinal);
        var order = new List<string>();
        int boxRows = 0, lines = 0;
        while (csv.Read())
        {
            lines++;
            string image = csv.Field(id).Trim(), t = csv.Field(target).Trim();
            int value = t switch { "1" or "1.0" => 1, "0" or "0.0" => 0, _ => -1 };
            if (value == 1) boxRows++;
            if (!images.TryGetValue(image, out var entry))
            {
                order.Add(image);
                images[image] = (csv.LineNumber, value, value == 1 ? 1 : 0,
                    value < 0 ? $"Target '{t}' is not 1 or 0" : image.Length == 0 ? $"empty {PatientIdColumn}" : null);
                continue;
            }
            string? problem = entry.Problem ?? (value != entry.Target
                ? $"line {csv.LineNumber}: Target {t} disagrees with line {entry.Line}" : null);
            images[image] = (entry.Line, entry.Target, entry.Boxes + (value == 1 ? 1 : 0), problem);
        }

        (string Name, string Sha256, Dictionary<string, (string View, string Sex, string Age)> Rows)? meta =
            options.Metadata is { } m ? ReadHeaders(m) : null;
        var rows = new List<LabelRow>(order.Count);
        var views = new SortedDictionary<string, int>(StringComparer.Ordinal);
        int agesBlanked = 0, withoutHeaders = 0;
        foreach (string image in order)
        {
            var (line, t, _, problem) = images[image];
            var notes = new List<string>();
            string? view = null, sex = null, demographics = null;
            int? age = null;
            if (meta is not null)
            {
                if (meta.Value.Rows.TryGetValue(image, out var h))
                {
                    view = Demographics.View(h.View, notes);
                    if (!Demographics.TrySex(h.Sex, out sex)) demographics = $"PatientSex '{h.Sex}' is not M or F";
                    if (!Demographics.TryAge(h.Age, out age, out string? ageNote))
                        demographics ??= $"PatientAge '{h.Age}' is not an age";
                    if (ageNote is not null)
                    {
                        notes.Add(ageNote);
                        agesBlanked++;
                    }
                }
                else withoutHeaders++;
                views[view ?? "not stated"] = views.GetValueOrDefault(view ?? "not stated") + 1;
            }
            sbyte label = t == 1 ? LabelValue.Positive : t == 0 ? LabelValue.Negative : LabelValue.Unknown;
            rows.Add(new LabelRow(line, image, null, view, sex, age, [label], notes)
            {
                Source = fileName, LabelProblem = problem, DemographicsProblem = demographics,
            });
        }
        int positive = rows.Count(r => r.Labels[0] == LabelValue.Positive);
        var summary = new List<string>
        {
            $"RSNA Pneumonia: {lines:N0} rows, {rows.Count:N0} images, {positive:N0} with Target 1 "
                + $"({boxRows:N0} boxes)",
            meta is null ? "views, sex and age: from each DICOM header (no --metadata)"
                : $"{meta.Value.Name}: views {string.Join(", ", views.Select(kv => $"{kv.Key} {kv.Value:N0}"))}; "
                    + $"{withoutHeaders:N0} images without a header row; {agesBlanked:N0} ages over "
                    + $"{Demographics.MaxAge} blanked",
            "patient ids: none (patientId is per image): patient disjointness is not verifiable",
        };
        return new LabelTable
        {
            Path = csv.Path, Format = LabelFileFormat.Rsna, Classes = ClassSet.Rsna, Rows = rows,
            AgesBlanked = agesBlanked,
            Description = "RSNA Pneumonia Detection Challenge: Pneumonia = Target (1 when the image has a box)",
            Adapter = new LabelAdapterInfo
            {
                PatientIds = PatientIdSource.PerImage, MetadataFile = meta?.Name, MetadataSha256 = meta?.Sha256,
                Summary = summary,
            },
        };
    }

    private static (string Name, string Sha256, Dictionary<string, (string View, string Sex, string Age)> Rows)
        ReadHeaders(string path)
    {
        if (!File.Exists(path)) throw ChestDxException.ForFile(path, "metadata file not found");
        byte[] bytes = File.ReadAllBytes(path);
        using CsvFile csv = CsvFile.Open(path, bytes);
        int id = csv.Require("PatientID"), view = csv.Require("ViewPosition"), sex = csv.Require("PatientSex");
        int age = csv.Require("PatientAge");
        var rows = new Dictionary<string, (string, string, string)>(StringComparer.Ordinal);
        while (csv.Read())
            if (!rows.TryAdd(csv.Field(id).Trim(), (csv.Field(view), csv.Field(sex), csv.Field(age))))
                throw csv.Error($"PatientID '{csv.Field(id).Trim()}' listed twice");
        return (Path.GetFileName(path), CsvFile.Sha256(bytes), rows);
    }
}
