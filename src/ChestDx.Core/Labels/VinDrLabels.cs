using ChestDx.Core.Classes;
using ChestDx.Core.Csv;

namespace ChestDx.Core.Labels;

/// <summary>
/// VinDr-CXR training annotations, each image read by several radiologists (3 in the training set): Kaggle's
/// train.csv (image_id, class_name, class_id, rad_id, box; one row per finding and radiologist, "No finding" rows
/// without a box; <see cref="ClassSet.VinDrCxr"/>) or PhysioNet's image_labels_train.csv (image_id, rad_id, one 0/1
/// column per label; <see cref="ClassSet.VinDrCxrPhysioNet"/>). A radiologist who does not mark a finding says it is
/// absent, so each reader gives every class a 1 or 0; the readers are combined by `--readers`: any (at least one) or
/// majority (more than half of the image's readers). Agreement is Fleiss' kappa per class over the images with the
/// usual number of readers (<see cref="ReaderAgreement"/>). The dataset publishes no patient ids: images are their
/// own patients (<see cref="PatientIdSource.PerImage"/>). VinDr-CXR images are PA (the dataset's description), but
/// the file states no view, so rows carry none.
/// </summary>
public static class VinDrLabels
{
    public const string ImageId = "image_id";
    public const string ClassName = "class_name";
    public const string RadId = "rad_id";
    public const string NoFinding = "No finding";

    internal static LabelTable Read(CsvFile csv, string fileName, LabelReadOptions options)
    {
        int image = csv.Require(ImageId), rad = csv.Require(RadId);
        int className = csv.IndexOf(ClassName);
        ReaderRule rule = options.Readers ?? ReaderRule.Any;
        ClassSet classes;
        int[] columns = [];
        var ignored = new List<string>();
        if (className >= 0) classes = ClassSet.VinDrCxr;
        else
        {
            classes = ClassSet.VinDrCxrPhysioNet;
            columns = new int[classes.Count];
            Array.Fill(columns, -1);
            for (int i = 0; i < csv.Header.Count; i++)
            {
                if (i == image || i == rad || csv.Header[i].Length == 0) continue;
                int c = classes.Find(csv.Header[i]);
                if (c >= 0) columns[c] = i;
                else ignored.Add(csv.Header[i]);
            }
        }
        // image → (first line, reader → marked classes), in first-appearance order.
        var images =
            new Dictionary<string, (int Line, Dictionary<string, HashSet<int>> Readers)>(StringComparer.Ordinal);
        var order = new List<string>();
        var problems = new Dictionary<string, string>(StringComparer.Ordinal);
        var unknownNames = new SortedDictionary<string, int>(StringComparer.Ordinal);
        int annotationRows = 0;
        while (csv.Read())
        {
            annotationRows++;
            string id = csv.Field(image).Trim(), reader = csv.Field(rad).Trim();
            if (id.Length == 0) continue;
            if (!images.TryGetValue(id, out var entry))
            {
                images[id] = entry = (csv.LineNumber, new Dictionary<string, HashSet<int>>(StringComparer.Ordinal));
                order.Add(id);
            }
            if (reader.Length == 0)
            {
                problems.TryAdd(id, $"line {csv.LineNumber}: empty {RadId}");
                continue;
            }
            if (!entry.Readers.TryGetValue(reader, out HashSet<int>? marked)) entry.Readers[reader] = marked = [];
            if (className >= 0)
            {
                string name = csv.Field(className).Trim();
                int c = classes.Find(name);
                if (c >= 0) marked.Add(c);
                else if (!name.Equals(NoFinding, StringComparison.OrdinalIgnoreCase))
                {
                    unknownNames[name] = unknownNames.GetValueOrDefault(name) + 1;
                    problems.TryAdd(id, $"line {csv.LineNumber}: class_name '{name}' is not a VinDr-CXR class");
                }
                continue;
            }
            for (int c = 0; c < classes.Count; c++)
            {
                if (columns[c] < 0) continue;
                string v = csv.Field(columns[c]).Trim();
                if (v is "1" or "1.0") marked.Add(c);
                else if (v is not ("0" or "0.0"))
                    problems.TryAdd(id, $"line {csv.LineNumber}: value '{v}' for {classes[c]} is not 1 or 0");
            }
        }

        int usual = order.Count == 0 ? 0 : order.GroupBy(id => images[id].Readers.Count)
            .OrderByDescending(g => g.Count()).ThenByDescending(g => g.Key).First().Key;
        var rows = new List<LabelRow>(order.Count);
        var perClass = Enumerable.Range(0, classes.Count).Select(_ => new List<int>()).ToArray();
        var readerCounts = new SortedDictionary<int, int>();
        foreach (string id in order)
        {
            var (line, readers) = images[id];
            int n = readers.Count;
            readerCounts[n] = readerCounts.GetValueOrDefault(n) + 1;
            var labels = new sbyte[classes.Count];
            for (int c = 0; c < classes.Count; c++)
            {
                int k = readers.Values.Count(m => m.Contains(c));
                bool positive = rule == ReaderRule.Any ? k >= 1 : 2 * k > n;
                labels[c] = columns.Length > 0 && columns[c] < 0 ? LabelValue.Unknown
                    : positive ? LabelValue.Positive : LabelValue.Negative;
                if (n == usual) perClass[c].Add(k);
            }
            rows.Add(new LabelRow(line, id, null, null, null, null, labels, [])
            {
                Source = fileName,
                LabelProblem = problems.GetValueOrDefault(id) ?? (n == 0 ? "no radiologist read the image" : null),
            });
        }
        var kappa = new Dictionary<string, double?>();
        for (int c = 0; c < classes.Count; c++)
            if (columns.Length == 0 || columns[c] >= 0)
                kappa[classes[c]] = usual >= 2 ? ReaderAgreement.FleissKappa(perClass[c], usual) is { } k
                    ? Math.Round(k, 6) : null : null;
        var summary = new List<string>
        {
            $"VinDr-CXR: {annotationRows:N0} annotation rows, {rows.Count:N0} images; readers per image: "
                + string.Join(", ", readerCounts.Select(kv => $"{kv.Key} on {kv.Value:N0}"))
                + $"; combined by --readers {Choices.Choice<ReaderRule>.Name(rule)}"
                + (rule == ReaderRule.Any ? " (positive when one reader marks it)"
                    : " (positive when more than half of the readers mark it)"),
            $"reader agreement (Fleiss' kappa, {perClass[0].Count:N0} images with {usual} readers): "
                + string.Join(", ", kappa.Select(kv => $"{kv.Key} {(kv.Value is { } v ? v.ToString("F3") : "n/a")}")),
            "patient ids: none (VinDr-CXR publishes ids per image): patient disjointness is not verifiable",
        };
        if (unknownNames.Count > 0)
            summary.Add("unknown class names (their images rejected): "
                + string.Join(", ", unknownNames.Select(kv => $"{kv.Key} {kv.Value}")));
        return new LabelTable
        {
            Path = csv.Path, Format = LabelFileFormat.Vindr, Classes = classes, Rows = rows, Ignored = ignored,
            Description = $"VinDr-CXR radiologists' annotations combined by {Choices.Choice<ReaderRule>.Name(rule)}; "
                + "a finding no reader marks is negative",
            Adapter = new LabelAdapterInfo
            {
                PatientIds = PatientIdSource.PerImage, Readers = rule, ReaderAgreement = kappa, Summary = summary,
            },
        };
    }
}
