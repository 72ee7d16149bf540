using System.Text;
using ChestDx.Evaluation.Inputs;
using ChestDx.Evaluation.Pipeline;
using ChestDx.Evaluation.Subgroups;

namespace ChestDx.Evaluation.Tests.Subgroups;

/// <summary>The subgroup bootstrap resamples patients, not images.</summary>
public sealed class SubgroupBootstrapTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("chestdx-subgroup-boot-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData(0UL)]
    [InlineData(42UL)]
    public void Images_of_one_patient_always_get_the_same_weight(ulong seed)
    {
        // The reference metadata: 600 images of 1-3 images per patient.
        string[] lines = File.ReadAllLines(SubgroupCase.Metadata);
        var index = new Dictionary<string, int>();
        int[] patientOf = lines.Skip(1).Select(l => l.Split(',')[1])
            .Select(p => index.TryGetValue(p, out int k) ? k : index[p] = index.Count).ToArray();
        var patientWeights = new int[index.Count];
        var imageWeights = new int[patientOf.Length];
        int resamplesWithSplitPairs = 0;
        for (int r = 0; r < 300; r++)
        {
            PatientBootstrap.Draw(seed, PatientBootstrap.Stream, r, patientOf, patientWeights, imageWeights);
            Assert.True(patientWeights.Sum() == index.Count,
                $"seed {seed}, resample {r}: {index.Count} patients drawn");
            for (int i = 0; i < patientOf.Length; i++)
                for (int j = i + 1; j < patientOf.Length && j < i + 4; j++)
                    if (patientOf[i] == patientOf[j])
                        Assert.True(imageWeights[i] == imageWeights[j],
                            $"seed {seed}, resample {r}: images {i} and {j} of one patient weighted "
                            + $"{imageWeights[i]} and {imageWeights[j]}");
            // A draw of images rather than patients would not keep the image total a sum of patient sizes; a draw
            // that did nothing would weigh every image 1. Both would pass the check above, so rule them out.
            if (imageWeights.Distinct().Count() > 2) resamplesWithSplitPairs++;
        }
        Assert.True(resamplesWithSplitPairs == 300, $"seed {seed}: only {resamplesWithSplitPairs} resamples varied");
    }

    /// <summary>
    /// Every image written twice under one patient: resampling patients draws the same patients as for the single
    /// images, with every count doubled, so every AUROC, sensitivity, specificity and rate of every resample is the
    /// same and so is every interval. Resampling images would treat the copies as independent evidence and narrow the
    /// intervals.
    /// </summary>
    [Fact]
    public void Duplicating_each_image_within_its_patient_leaves_every_interval_unchanged()
    {
        EvaluationResult single = SubgroupCase.Evaluate(_dir, resamples: 300, seed: 5);
        EvaluationResult doubled = Evaluator.Run(Doubled(single.Data), single.Options);
        string singleMeta = Path.Combine(_dir, "single.csv"), doubledMeta = Path.Combine(_dir, "doubled.csv");
        // One patient per image, so the single case has as many patients as the doubled one.
        WriteMetadata(singleMeta, single.Data.Ids, copies: 1);
        WriteMetadata(doubledMeta, single.Data.Ids, copies: 2);
        var options = new SubgroupOptions { Attributes = [SubgroupAttribute.Sex, SubgroupAttribute.Site] };

        SubgroupAnalysisResult a = SubgroupAnalysis.Run(single, SubgroupMetadata.Load(null, singleMeta), options);
        // Twice the images: twice the minimum size keeps the same subgroups estimated.
        SubgroupAnalysisResult b = SubgroupAnalysis.Run(doubled, SubgroupMetadata.Load(null, doubledMeta),
            options with { MinPositives = 20, MinNegatives = 20 });

        Assert.Equal(a.Patients, b.Patients);
        Assert.Equal(2 * a.Images, b.Images);
        int intervals = 0;
        foreach (var (x, y) in a.Classes.Zip(b.Classes))
        {
            Assert.Equal((x.Attribute, x.Group, x.Class), (y.Attribute, y.Group, y.Class));
            foreach (var (dx, dy) in new[]
                     {
                         (x.AurocDifference, y.AurocDifference), (x.SensitivityDifference, y.SensitivityDifference),
                         (x.SpecificityDifference, y.SpecificityDifference),
                     })
            {
                Assert.Equal(dx?.Ci is null, dy?.Ci is null);
                if (dx?.Ci is not { } cx) continue;
                Assert.Equal(cx.Low, dy!.Ci!.Low, 1e-12);
                Assert.Equal(cx.High, dy.Ci.High, 1e-12);
                intervals++;
            }
        }
        foreach (var (x, y) in a.UnderdiagnosisRates.Zip(b.UnderdiagnosisRates))
            if (x.Difference?.Ci is { } cx)
            {
                Assert.Equal(cx.Low, y.Difference!.Ci!.Low, 1e-12);
                Assert.Equal(cx.High, y.Difference.Ci.High, 1e-12);
                intervals++;
            }
        Assert.True(intervals >= 20, $"only {intervals} intervals compared");
    }

    private static EvaluationSet Doubled(EvaluationSet s) => new()
    {
        PredictionsPath = s.PredictionsPath,
        LabelsPath = s.LabelsPath,
        LabelsDescription = s.LabelsDescription,
        Ids = s.Ids.SelectMany(id => new[] { id + "_a", id + "_b" }).ToArray(),
        Classes = s.Classes,
        Scores = s.Scores.Select(c => c.SelectMany(v => new[] { v, v }).ToArray()).ToArray(),
        Labels = s.Labels.Select(c => c.SelectMany(v => new[] { v, v }).ToArray()).ToArray(),
        JoinSummary = s.JoinSummary,
    };

    /// <summary>One patient per image of the reference case, with that image's sex and site.</summary>
    private static void WriteMetadata(string path, IReadOnlyList<string> ids, int copies)
    {
        var meta = File.ReadAllLines(SubgroupCase.Metadata).Skip(1).Select(l => l.Split(','))
            .ToDictionary(f => f[0]);
        var sb = new StringBuilder("image_id,patient_id,sex,site\n");
        foreach (string id in ids)
            for (int k = 0; k < copies; k++)
                sb.Append(copies == 1 ? id : id + (k == 0 ? "_a" : "_b"))
                    .Append($",PT-{id},{meta[id][2]},{meta[id][5]}\n");
        File.WriteAllText(path, sb.ToString());
    }
}
