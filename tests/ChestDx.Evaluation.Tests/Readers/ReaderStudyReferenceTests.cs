using ChestDx.Evaluation.Bootstrap;
using ChestDx.Evaluation.Inputs;
using ChestDx.Evaluation.Readers;

namespace ChestDx.Evaluation.Tests.Readers;

/// <summary>Reader kappas and F1s against scikit-learn 1.2 (sklearn_reference.json "readers"), within 1e-9.</summary>
public sealed class ReaderStudyReferenceTests
{
    private static string Data(string name) => Path.Combine(ReferenceCase.DataDir, name);

    private static ReaderStudyResult Study(ReferenceLabels? reference)
    {
        var (ids, readers) = ReaderFiles.Read([Data("readers.csv")]);
        return ReaderStudy.Run(ids, readers, reference, model: null,
            new ReaderStudyOptions { Bootstrap = new BootstrapOptions { Resamples = 200 } });
    }

    [Fact]
    public void Long_reader_file_is_split_by_the_reader_column()
    {
        var (ids, readers) = ReaderFiles.Read([Data("readers.csv")]);
        Assert.Equal(600, ids.Count);
        Assert.Equal(["r1", "r2", "r3"], readers.Select(r => r.Name));
        Assert.Equal(["Atelectasis", "Cardiomegaly", "Effusion"], readers[0].Classes);
    }

    [Fact]
    public void Pairwise_kappa_and_f1_against_the_majority_of_the_other_readers_match()
    {
        ReaderStudyResult result = Study(reference: null);
        foreach (ClassReaderStudy c in result.Classes)
        {
            var expected = ReferenceCase.Sklearn.GetProperty("readers").GetProperty(c.Class);
            foreach (PairwiseKappa k in c.Pairwise)
                Assert.Equal(
                    expected.GetProperty("kappa").GetProperty($"{k.A}-{k.B}").GetDouble(), k.Kappa!.Value, 1e-9);
            // Two other readers: an even split counts as negative, as the reference script does.
            foreach (RaterScore s in c.Protocol!.Readers)
                Assert.Equal(expected.GetProperty("f1_vs_majority_of_others").GetProperty(s.Name).GetDouble(),
                    s.F1!.Value, 1e-9);
            Assert.Equal(c.Protocol.Readers.Average(s => s.F1!.Value), c.Protocol.ReadersMeanF1!.Value, 12);
            Assert.NotNull(c.Protocol.ReadersMeanCi);
            Assert.InRange(
                c.Protocol.ReadersMeanF1!.Value, c.Protocol.ReadersMeanCi!.Low, c.Protocol.ReadersMeanCi.High);
        }
    }

    [Fact]
    public void F1_against_a_reference_file_matches_and_non_label_columns_are_ignored()
    {
        // cases.csv holds the truth beside the models' scores; the score columns are not 0/1 and are not read as
        // labels.
        ReferenceLabels truth = LabelReader.Read(Data("cases.csv"));
        Assert.Contains("model_a.Atelectasis", truth.IgnoredColumns.Keys);
        ReaderStudyResult result = Study(truth);
        foreach (ClassReaderStudy c in result.Classes)
        {
            var expected = ReferenceCase.Sklearn.GetProperty("readers").GetProperty(c.Class).GetProperty("f1_vs_truth");
            foreach (RaterScore s in c.VersusReference)
                Assert.Equal(expected.GetProperty(s.Name).GetDouble(), s.F1!.Value, 1e-9);
        }
    }

    [Fact]
    // Determinism and consistency; that model and readers share resamples is
    // Model_and_readers_are_scored_on_the_same_resamples below.
    public void Model_minus_readers_difference_is_seeded_and_its_interval_contains_the_point_estimate()
    {
        var (ids, readers) = ReaderFiles.Read([Data("readers.csv")]);
        // A "model" that copies reader r1: scored against the same majorities as the readers, on the same resamples.
        var model = readers[0] with { Name = "model" };
        var options = new ReaderStudyOptions { Bootstrap = new BootstrapOptions { Resamples = 300, Seed = 5 } };
        ReaderStudyResult a = ReaderStudy.Run(ids, readers, null, model, options);
        ReaderStudyResult b = ReaderStudy.Run(ids, readers, null, model, options);
        var pa = a.Classes[0].Protocol!;
        Assert.Equal(pa.DifferenceCi, b.Classes[0].Protocol!.DifferenceCi); // seeded: identical
        Assert.Equal(pa.ModelMeanF1!.Value - pa.ReadersMeanF1!.Value, pa.Difference!.Value, 12);
        Assert.InRange(pa.Difference!.Value, pa.DifferenceCi!.Low, pa.DifferenceCi.High);
    }

    [Fact]
    // Two readers A and B and a model that copies A. Under the CheXNet protocol each reader is scored against the
    // majority of the others, which for two readers is the other one. F1 is symmetric in its two raters, so both
    // readers score F1(A, B) and their mean is F1(A, B); the model scores F1(A, B) and F1(A, A) = 1, so the
    // difference is (1 − F1(A, B)) / 2. Only if the model and the readers are scored on the same resamples does that
    // hold in every resample, making the difference's interval the readers' mean interval mapped through
    // x → (1 − x) / 2, ends swapped (type-7 percentiles are symmetric). Independent resamples widen it.
    public void Model_and_readers_are_scored_on_the_same_resamples()
    {
        var (ids, readers) = ReaderFiles.Read([Data("readers.csv")]);
        var two = readers.Take(2).ToList();
        var model = two[0] with { Name = "model" };
        var options = new ReaderStudyOptions { Bootstrap = new BootstrapOptions { Resamples = 400, Seed = 11 } };

        ReaderStudyResult result = ReaderStudy.Run(ids, two, null, model, options);

        foreach (ClassReaderStudy c in result.Classes)
        {
            ChexNetProtocol p = c.Protocol!;
            Assert.Equal(0, p.ReadersMeanCi!.Undefined);
            Assert.Equal(0, p.DifferenceCi!.Undefined);
            Assert.Equal((1 - p.ReadersMeanF1!.Value) / 2, p.Difference!.Value, 1e-12);
            Assert.Equal((1 - p.ReadersMeanCi.High) / 2, p.DifferenceCi.Low, 1e-12);
            Assert.Equal((1 - p.ReadersMeanCi.Low) / 2, p.DifferenceCi.High, 1e-12);
            Assert.True(p.DifferenceCi.High > p.DifferenceCi.Low, $"{c.Class}: the interval has width");
        }
    }

    [Fact]
    public void Majority_ties_are_counted_and_follow_the_rule()
    {
        sbyte[] a = [1, 1, 0, 0, -1], b = [1, 0, 0, 1, -1];
        sbyte[] negative = MajorityVote.Of([a, b], MajorityTie.Negative, out int ties);
        Assert.Equal(2, ties);
        Assert.Equal(new sbyte[] { 1, 0, 0, 0, -1 }, negative);
        Assert.Equal(new sbyte[] { 1, 1, 0, 1, -1 }, MajorityVote.Of([a, b], MajorityTie.Positive, out _));
    }
}
