using ChestDx.Core;
using ChestDx.Core.Classes;
using ChestDx.Core.Packs;
using ChestDx.Evaluation.Inputs;
using ChestDx.Evaluation.Subgroups;

namespace ChestDx.Evaluation.Shift;

/// <summary>
/// External validation's dataset-shift audit (<c>chestdx evaluate --train-pack A --labels B</c>): the training split
/// of the pack the model was trained on against the evaluated images of the pack it is evaluated on, side by side —
/// views, sex, age bands (those of subgroup analysis, <see cref="AgeBands"/>), grey levels of images.u8, and the
/// prevalence of every class the two class sets share. It describes; it does not test. `chestdx audit A B` measures
/// the same shifts (population stability index, Kolmogorov–Smirnov) for whole packs.
/// </summary>
public static class ShiftAudit
{
    /// <summary>Images per side whose pixels are read for the intensity summary (evenly spaced beyond it).</summary>
    public const int MaxIntensityImages = 2000;

    public static ShiftAuditResult Compare(string trainPack, string evaluationPack, EvaluationSet evaluated,
        CancellationToken cancellation = default)
    {
        using DatasetPack train = DatasetPack.Open(trainPack);
        using DatasetPack eval = DatasetPack.Open(evaluationPack);
        bool hasTrainSplit = train.Entries.Any(e => e.Split == PackFormat.Train);
        List<PackEntry> trainRows = hasTrainSplit
            ? train.Entries.Where(e => e.Split == PackFormat.Train).ToList()
            : [.. train.Entries];
        if (trainRows.Count == 0) throw ChestDxException.ForFile(trainPack, "the training pack holds no images");
        var ids = new HashSet<string>(evaluated.Ids, StringComparer.Ordinal);
        List<PackEntry> evalRows = eval.Entries.Where(e => ids.Contains(e.ImageId)).ToList();
        if (evalRows.Count == 0)
            throw ChestDxException.ForFile(evaluationPack, "none of the evaluated images is in this pack");

        string trainWhat = hasTrainSplit
            ? $"the {trainRows.Count:N0} images of its train split"
            : $"all its {trainRows.Count:N0} images (it has no train split)";
        string evalWhat = $"the {evalRows.Count:N0} evaluated images (of {eval.Count:N0} in the pack)";
        PackSide a = Describe(train, trainRows, trainWhat, cancellation);
        PackSide b = Describe(eval, evalRows, evalWhat, cancellation);

        ClassMatch match = ClassMatch.Between(ClassSet.FromNames(train.Classes), ClassSet.FromNames(eval.Classes));
        var matched = match.Matched.Select(m => new MatchedPrevalence(
            m.LeftName, m.RightName,
            trainRows.Count(e => e.Labels[m.Left] == 1f), trainRows.Count(e => !float.IsNaN(e.Labels[m.Left])),
            evalRows.Count(e => e.Labels[m.Right] == 1f), evalRows.Count(e => !float.IsNaN(e.Labels[m.Right])),
            evaluated.Classes.Any(c => EvaluationSet.SameClass(c, m.RightName)))).ToList();

        string statement = $"Training pack {trainPack}: {trainWhat}. Evaluation pack {evaluationPack}: {evalWhat}. "
            + $"Views, sex and age come from the two manifests; grey levels from images.u8 ({a.Intensity.ImagesRead:N0}"
            + $" and {b.Intensity.ImagesRead:N0} images read, evenly spaced; {a.Intensity.ImageSize}² and "
            + $"{b.Intensity.ImageSize}² pixels after ingestion); prevalence over known labels of the "
            + $"{matched.Count} classes the two class sets share (same finding by ChestDx's harmonisation table). "
            + "Only the classes present on both sides and in the predictions are evaluated; the others are listed. "
            + "This describes the shift; for shift statistics (PSI, Kolmogorov–Smirnov) run `chestdx audit "
            + "TRAIN_PACK EVAL_PACK`.";
        return new ShiftAuditResult
        {
            Train = a,
            Evaluation = b,
            Matched = matched,
            TrainOnly = match.LeftOnly,
            EvaluationOnly = match.RightOnly,
            Statement = statement,
        };
    }

    private static PackSide Describe(DatasetPack pack, List<PackEntry> rows, string what, CancellationToken cancel)
    {
        int[] ages = rows.Where(e => e.Age is not null).Select(e => e.Age!.Value).Order().ToArray();
        return new PackSide
        {
            Path = pack.Directory,
            Rows = what,
            Images = rows.Count,
            Patients = rows.Select(e => e.PatientId).Where(p => p.Length > 0).Distinct().Count(),
            Classes = pack.Classes,
            Views = Shares(rows.Select(e => e.View), null),
            Sex = Shares(rows.Select(e => e.Sex), null),
            AgeBands = Shares(rows.Select(e => Subgroups.AgeBands.Of(e.Age)), Subgroups.AgeBands.Names),
            AgeMean = ages.Length > 0 ? ages.Average() : null,
            AgeMedian = ages.Length > 0 ? (ages[(ages.Length - 1) / 2] + ages[ages.Length / 2]) / 2.0 : null,
            Intensity = Intensity(pack, rows, cancel),
        };
    }

    private static IReadOnlyList<Share> Shares(IEnumerable<string?> values, IReadOnlyList<string>? order)
    {
        var counts = values.GroupBy(v => v ?? SubgroupAnalysis.Unknown).ToDictionary(g => g.Key, g => g.Count());
        int total = counts.Values.Sum();
        IEnumerable<string> keys = order is null
            ? counts.Keys.Where(k => k != SubgroupAnalysis.Unknown).OrderBy(k => k, StringComparer.Ordinal)
            : order.Where(counts.ContainsKey);
        if (counts.ContainsKey(SubgroupAnalysis.Unknown)) keys = keys.Append(SubgroupAnalysis.Unknown);
        return keys.Select(k => new Share(k, counts[k], (double)counts[k] / total)).ToList();
    }

    private static IntensitySummary Intensity(DatasetPack pack, List<PackEntry> rows, CancellationToken cancel)
    {
        var histogram = new long[256];
        var means = new List<double>();
        int stride = Math.Max(1, (rows.Count + MaxIntensityImages - 1) / MaxIntensityImages);
        for (int k = 0; k < rows.Count; k += stride)
        {
            cancel.ThrowIfCancellationRequested();
            ReadOnlySpan<byte> image = pack.GetImage(rows[k].Row);
            long sum = 0;
            foreach (byte v in image)
            {
                histogram[v]++;
                sum += v;
            }
            means.Add((double)sum / image.Length);
        }
        long pixels = histogram.Sum();
        double mean = 0, squares = 0;
        for (int v = 0; v < 256; v++)
        {
            mean += (double)v * histogram[v] / pixels;
            squares += (double)v * v * histogram[v] / pixels;
        }
        int Percentile(double p)
        {
            long cumulative = 0;
            for (int v = 0; v < 256; v++)
                if ((cumulative += histogram[v]) >= p * pixels) return v;
            return 255;
        }
        double[] sorted = [.. means.Order()];
        return new IntensitySummary(means.Count, pack.ImageSize, mean, Math.Sqrt(Math.Max(0, squares - mean * mean)),
            Percentile(0.01), Percentile(0.5), Percentile(0.99),
            Bootstrap.PercentileInterval.Quantile(sorted, 0.05), Bootstrap.PercentileInterval.Quantile(sorted, 0.95));
    }
}
