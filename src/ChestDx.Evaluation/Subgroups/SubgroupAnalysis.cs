using ChestDx.Core.Choices;
using ChestDx.Core.Progress;
using ChestDx.Evaluation.Inputs;
using ChestDx.Evaluation.Pipeline;

namespace ChestDx.Evaluation.Subgroups;

/// <summary>
/// Subgroup analysis of an evaluation (<c>chestdx evaluate --subgroups</c>): per subgroup of each attribute and per
/// class, n, positives, prevalence, AUROC with its DeLong interval, and sensitivity, specificity and false-positive
/// rate at the class's threshold of the evaluation; the underdiagnosis rate (<see cref="CalledHealthy"/>) per
/// subgroup; and every subgroup's difference to the whole population with a patient-level bootstrap interval
/// (<see cref="PatientBootstrap"/>; the evaluation's resamples, seed and level). A subgroup below the minimum size
/// gets the reason and no estimate. Images without metadata, or without a value for an attribute, form that
/// attribute's <see cref="Unknown"/> subgroup.
/// </summary>
public static class SubgroupAnalysis
{
    /// <summary>Attribute and group name of the whole population.</summary>
    public const string All = "all";

    /// <summary>The subgroup of images whose value is not known.</summary>
    public const string Unknown = "(unknown)";

    public static SubgroupAnalysisResult Run(EvaluationResult result, SubgroupMetadata metadata,
        SubgroupOptions options, IProgressSink? progress = null, CancellationToken cancellation = default)
    {
        options.Validate();
        progress ??= NullProgressSink.Instance;
        metadata.Require(options.Attributes);
        var notes = new List<string>(metadata.Problems.Take(5));
        if (metadata.Problems.Count > 5) notes.Add($"… and {metadata.Problems.Count - 5} more unreadable cells");

        EvaluationSet set = result.Data;
        int images = set.Ids.Count;
        var meta = new ImageMetadata?[images];
        for (int i = 0; i < images; i++) meta[i] = metadata.Images.GetValueOrDefault(set.Ids[i]);
        int withoutMetadata = meta.Count(m => m is null);
        if (withoutMetadata > 0)
            notes.Add($"{withoutMetadata} of {images} evaluated images have no row in the {metadata.Source}: "
                + $"they are in the {Unknown} subgroup of every attribute.");

        var layout = new GroupLayout(options.Attributes, meta);
        int[] patientOf = PatientIndex(meta, out int patients, out int withoutPatient);
        if (withoutPatient > 0)
            notes.Add($"{withoutPatient} of {images} images have no patient id: each is resampled as a patient of "
                + "its own (their intervals are too narrow if some are the same patient).");

        var classes = new List<ClassSubgroups>();
        for (int c = 0; c < set.Classes.Count; c++)
        {
            cancellation.ThrowIfCancellationRequested();
            classes.Add(ClassSubgroups.Build(set, c, result.Classes[c].Threshold, layout, options,
                result.Options.ConfidenceLevel));
        }
        CalledHealthy called = CalledHealthy.Of(result);
        UnderdiagnosisGroups under =
            UnderdiagnosisGroups.Build(called, layout, options, result.Options.ConfidenceLevel);

        int resamples = result.Options.Bootstrap.Resamples;
        if (resamples > 0)
        {
            using IProgressTask task = progress.Start("subgroup bootstrap (patients)", resamples);
            SubgroupBootstrap.Run(classes, under, layout, patientOf, patients, result.Options.Bootstrap, task,
                cancellation);
        }

        return new SubgroupAnalysisResult
        {
            Attributes = options.Attributes,
            MetadataSource = metadata.Source,
            MinPositives = options.MinPositives,
            MinNegatives = options.MinNegatives,
            Classes = classes.SelectMany(k => k.Rows(layout)).ToList(),
            Underdiagnosis = called.Definition,
            UnderdiagnosisRates = under.Rows(layout),
            Images = images,
            Patients = patients,
            Resamples = resamples,
            Seed = result.Options.Bootstrap.Seed,
            ConfidenceLevel = result.Options.ConfidenceLevel,
            Notes = notes,
        };
    }

    private static int[] PatientIndex(ImageMetadata?[] meta, out int patients, out int withoutPatient)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var patientOf = new int[meta.Length];
        int next = 0;
        withoutPatient = 0;
        for (int i = 0; i < meta.Length; i++)
        {
            if (meta[i]?.Patient is { } p)
            {
                if (!index.TryGetValue(p, out int k)) index[p] = k = next++;
                patientOf[i] = k;
            }
            else
            {
                patientOf[i] = next++;
                withoutPatient++;
            }
        }
        patients = next;
        return patientOf;
    }
}

/// <summary>Per attribute, its subgroups in report order and each image's subgroup index.</summary>
internal sealed class GroupLayout
{
    public GroupLayout(IReadOnlyList<SubgroupAttribute> attributes, ImageMetadata?[] meta)
    {
        Attributes = attributes;
        Names = new string[attributes.Count][];
        GroupOf = new int[attributes.Count][];
        for (int a = 0; a < attributes.Count; a++)
        {
            string[] values = meta.Select(m => m?.GroupOf(attributes[a]) ?? SubgroupAnalysis.Unknown).ToArray();
            IEnumerable<string> known = values.Where(v => v != SubgroupAnalysis.Unknown).Distinct();
            known = attributes[a] == SubgroupAttribute.Age
                ? AgeBands.Names.Where(known.Contains)
                : known.OrderBy(v => v, StringComparer.Ordinal);
            string[] unknown = values.Contains(SubgroupAnalysis.Unknown) ? [SubgroupAnalysis.Unknown] : [];
            Names[a] = [.. known, .. unknown];
            var position = Names[a].Select((n, k) => (n, k)).ToDictionary(t => t.n, t => t.k, StringComparer.Ordinal);
            GroupOf[a] = values.Select(v => position[v]).ToArray();
        }
    }

    public IReadOnlyList<SubgroupAttribute> Attributes { get; }
    public string[][] Names { get; }
    public int[][] GroupOf { get; }
    public string AttributeName(int a) => Choice<SubgroupAttribute>.Name(Attributes[a]);
}
