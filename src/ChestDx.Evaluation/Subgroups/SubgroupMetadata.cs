using ChestDx.Core;
using ChestDx.Core.Csv;
using ChestDx.Core.Labels;
using ChestDx.Core.Packs;

namespace ChestDx.Evaluation.Subgroups;

/// <summary>
/// Image metadata for subgroup analysis, by image id: from a dataset pack's manifest.csv (patient, view, sex, age and
/// an optional <c>site</c> column) and/or a subgroup file, a CSV keyed by image id with any of the columns patient
/// id, view, sex, age and site (spelled as <see cref="ColumnNames"/> accepts them). Where both give a column, the
/// subgroup file's value is used: it is the one the user named for this evaluation.
/// </summary>
public sealed class SubgroupMetadata
{
    /// <summary>The manifest or subgroup-file column that holds the site.</summary>
    public const string SiteColumn = "site";

    private SubgroupMetadata(Dictionary<string, ImageMetadata> images, HashSet<string> columns, string source,
        List<string> problems)
    {
        Images = images;
        Columns = columns;
        Source = source;
        Problems = problems;
    }

    /// <summary>Cells of the subgroup file that could not be read and were treated as unknown, one line each (the
    /// run goes on with the rest).</summary>
    public IReadOnlyList<string> Problems { get; }

    public IReadOnlyDictionary<string, ImageMetadata> Images { get; }

    /// <summary>Which of "patient", "sex", "age", "view", "site" some source had a column for.</summary>
    public IReadOnlySet<string> Columns { get; }

    /// <summary>Where the metadata came from, for the report.</summary>
    public string Source { get; }

    public bool Has(SubgroupAttribute attribute) =>
        Columns.Contains(Core.Choices.Choice<SubgroupAttribute>.Name(attribute));

    public bool HasPatients => Columns.Contains("patient");

    /// <summary>Throws, naming the source, when no source has a column for one of
    /// <paramref name="attributes"/>.</summary>
    public void Require(IEnumerable<SubgroupAttribute> attributes)
    {
        foreach (SubgroupAttribute a in attributes)
            if (!Has(a))
            {
                string name = Core.Choices.Choice<SubgroupAttribute>.Name(a);
                throw new ChestDxException($"--subgroups {name}: the {Source} has no {name} column");
            }
    }

    /// <param name="pack">A dataset pack folder, or null.</param>
    /// <param name="file">A subgroup CSV, or null.</param>
    public static SubgroupMetadata Load(string? pack, string? file)
    {
        if (pack is null && file is null)
            throw new ChestDxException(
                "--subgroups needs image metadata: --labels a dataset pack (its manifest) or --subgroup-file CSV");
        var images = new Dictionary<string, ImageMetadata>(StringComparer.Ordinal);
        var columns = new HashSet<string>(StringComparer.Ordinal);
        var sources = new List<string>();
        var problems = new List<string>();
        if (pack is not null)
        {
            FromPack(pack, images, columns);
            sources.Add($"manifest of pack {pack}");
        }
        if (file is not null)
        {
            FromFile(file, images, columns, problems);
            sources.Add($"subgroup file {file}");
        }
        return new SubgroupMetadata(images, columns, string.Join(" and ", sources), problems);
    }

    private static void FromPack(string directory, Dictionary<string, ImageMetadata> images, HashSet<string> columns)
    {
        PackInfo info = DatasetPack.ReadInfo(directory);
        List<PackEntry> entries = ManifestCsv.Read(Path.Combine(directory, PackFormat.ManifestFile), info.Classes);
        columns.UnionWith(["patient", "sex", "age", "view"]);
        bool site = false;
        foreach (PackEntry e in entries)
        {
            string? s = e.Extra.TryGetValue(SiteColumn, out string? v) && v.Length > 0 ? v : null;
            site |= e.Extra.ContainsKey(SiteColumn);
            images[e.ImageId] = new ImageMetadata(e.PatientId.Length > 0 ? e.PatientId : null, e.Sex, e.Age, e.View, s);
        }
        if (site) columns.Add(SiteColumn);
    }

    private static void FromFile(string path, Dictionary<string, ImageMetadata> images, HashSet<string> columns,
        List<string> problems)
    {
        using CsvFile csv = CsvFile.Open(path);
        int id = ColumnNames.Find(csv.Header, ColumnNames.ImageId, path);
        if (id < 0)
            throw ChestDxException.ForFile(path,
                $"no image id column (expected one of: {string.Join(", ", ColumnNames.ImageId)})");
        int patient = ColumnNames.Find(csv.Header, ColumnNames.PatientId, path);
        int sex = ColumnNames.Find(csv.Header, ColumnNames.Sex, path);
        int age = ColumnNames.Find(csv.Header, ColumnNames.Age, path);
        int view = ColumnNames.Find(csv.Header, ColumnNames.View, path);
        int site = ColumnNames.Find(csv.Header, [SiteColumn], path);
        foreach ((string name, int index) in new[] { ("patient", patient), ("sex", sex), ("age", age), ("view", view),
                     (SiteColumn, site) })
            if (index >= 0) columns.Add(name);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (csv.Read())
        {
            string image = csv.Field(id).Trim();
            if (image.Length == 0) throw csv.Error("empty image id");
            if (!seen.Add(image)) throw csv.Error($"image id '{image}' appears twice");
            ImageMetadata old = images.GetValueOrDefault(image) ?? new ImageMetadata(null, null, null, null, null);
            string? sexValue = old.Sex;
            if (sex >= 0 && !Demographics.TrySex(csv.Field(sex), out sexValue))
                problems.Add($"{path}: line {csv.LineNumber}: sex '{csv.Field(sex)}' is not M, F or O (unknown)");
            int? ageValue = old.Age;
            if (age >= 0 && !Demographics.TryAge(csv.Field(age), out ageValue, out _))
                problems.Add($"{path}: line {csv.LineNumber}: age '{csv.Field(age)}' is not an age (unknown)");
            images[image] = new ImageMetadata(
                patient >= 0 ? NullIfBlank(csv.Field(patient)) : old.Patient,
                sexValue,
                ageValue,
                view >= 0 ? NullIfBlank(csv.Field(view))?.ToUpperInvariant() : old.View,
                site >= 0 ? NullIfBlank(csv.Field(site)) : old.Site);
        }
    }

    private static string? NullIfBlank(string s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
