using ChestDx.Core;
using ChestDx.Core.Choices;
using ChestDx.Core.Predictions;
using ChestDx.Evaluation.Inputs;

namespace ChestDx.Evaluation.Tests.Inputs;

/// <summary>
/// Issue 11 item 7: scores are what they claim (probabilities unless logits are declared); headers match in any case.
/// </summary>
public sealed class ScoresAndHeadersTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("chestdx-scores-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Theory]
    [InlineData("1.5", "line 3: column \"Effusion\": score 1.5 is outside [0, 1]")]
    [InlineData("-0.2", "line 3: column \"Effusion\": score -0.2 is outside [0, 1]")]
    [InlineData("1.0000001", "line 3: column \"Effusion\": score 1.0000001 is outside [0, 1]")]
    public void A_probability_outside_0_1_is_an_error_naming_file_line_column_and_value(string value, string expected)
    {
        string p = Write("p.csv", $"image_id,Mass,Effusion\na.png,0.1,0.2\nb.png,0.3,{value}\nc.png,7,9\n");
        var e = Assert.Throws<ChestDxException>(() => PredictionTable.Read(p));
        Assert.StartsWith($"{p}: {expected}; if the file holds logits, pass --scores logits", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Zero_and_one_are_probabilities()
    {
        PredictionTable t = PredictionTable.Read(Write("p.csv", "id,A\na,0\nb,1\nc,0.0\nd,1.0\n"));
        Assert.Equal([0.0, 1.0, 0.0, 1.0], t.Scores[0]);
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("nan")]
    [InlineData("")]
    [InlineData("Infinity")]
    public void A_missing_or_non_finite_score_is_an_error_naming_the_line_in_either_scale(string cell)
    {
        string p = Write("p.csv", $"id,A\na,0.5\nb,{cell}\n");
        foreach (ScoreScale scale in Enum.GetValues<ScoreScale>())
        {
            var e = Assert.Throws<ChestDxException>(() => PredictionTable.Read(p, scale));
            Assert.Equal($"{p}: line 3: column \"A\": \"{cell}\" is not a finite number", e.Message);
        }
    }

    [Fact]
    public void Logits_are_read_through_the_sigmoid()
    {
        // Reference values of the logistic function 1 / (1 + e^-x), computed independently of the code under test.
        (string Cell, double Expected)[] cases =
        [
            ("0", 0.5), ("1", 0.7310585786300049), ("-2", 0.11920292202211755), ("4.5", 0.9890130573694068),
            ("-800", 0.0), ("800", 1.0),
        ];
        string p = Write("p.csv", "id,A\n" + string.Join("", cases.Select((c, i) => $"r{i},{c.Cell}\n")));
        PredictionTable t = PredictionTable.Read(p, ScoreScale.Logits);
        for (int i = 0; i < cases.Length; i++)
        {
            double expected = cases[i].Expected, actual = t.Scores[0][i];
            Assert.True(Math.Abs(actual - expected) <= 1e-15 * Math.Max(1, Math.Abs(expected)),
                $"sigmoid({cases[i].Cell}) = {actual:R}, expected {expected:R}");
            Assert.InRange(actual, 0.0, 1.0);
        }
        // Also a direct check far out in the tails, where 1/(1+e^-x) overflows e^-x: no NaN, and monotone.
        Assert.Equal(0.0, PredictionTable.Sigmoid(-1e308));
        Assert.Equal(1.0, PredictionTable.Sigmoid(1e308));
        Assert.True(PredictionTable.Sigmoid(-30) < PredictionTable.Sigmoid(-29));
    }

    // `--scores` is parsed by Choice<ScoreScale>, as every closed choice is: these are the names it accepts.
    [Theory]
    [InlineData("probabilities", ScoreScale.Probabilities)]
    [InlineData("logits", ScoreScale.Logits)]
    public void Scale_names_parse(string text, ScoreScale expected) =>
        Assert.Equal(expected, Choice<ScoreScale>.Parse(text, "--scores"));

    [Fact]
    public void An_unknown_scale_is_refused() =>
        Assert.Equal("--scores 'percent' is not probabilities or logits",
            Assert.Throws<ChestDxException>(() => Choice<ScoreScale>.Parse("percent", "--scores")).Message);

    [Theory]
    [InlineData("IMAGE_ID")]
    [InlineData("Image Index")]
    [InlineData("image_id")]
    public void The_labels_id_column_is_found_by_name_in_any_case_and_patient_columns_are_not_classes(string idColumn)
    {
        // The same file `chestdx ingest` reads: patient column first, the id column second.
        string l = Write("l.csv",
            $"PatientID,{idColumn},View,Sex,Age,Effusion,mass\nP1,a.png,PA,F,50,1,0\nP1,b.png,PA,F,50,0,1\n");
        ReferenceLabels t = LabelReader.Read(l);
        Assert.Equal(["a.png", "b.png"], t.Ids);
        Assert.Equal(["Effusion", "mass"], t.Classes);
        Assert.Equal("the patient id column, not a label", t.IgnoredColumns["PatientID"]);

        // Classes join in any case: predictions' "Mass" meets the labels' "mass".
        string p = Write("p.csv", "id,Effusion,Mass\na.png,0.9,0.2\nb.png,0.1,0.8\n");
        EvaluationSet set = EvaluationSet.Join(PredictionTable.Read(p), t);
        Assert.Equal(["Effusion", "Mass"], set.Classes);
        Assert.Equal([0, 1], set.Labels[1].Select(v => (int)v));
        Assert.Equal([0.2, 0.8], set.Scores[1]);
    }

    [Fact]
    public void A_patient_column_of_zeros_and_ones_is_still_not_a_class()
    {
        string l = Write("l.csv", "image_id,patient,Effusion\na,0,1\nb,1,0\n");
        ReferenceLabels t = LabelReader.Read(l);
        Assert.Equal(["Effusion"], t.Classes);
        string p = Write("p.csv", "id,patient\na,0.1\nb,0.2\n");
        var e = Assert.Throws<ChestDxException>(() => EvaluationSet.Join(PredictionTable.Read(p), t));
        Assert.Equal($"{l}: column \"patient\": the patient id column, not a label", e.Message);
    }

    [Fact]
    public void Nih_Data_Entry_is_recognised_whatever_the_header_case()
    {
        string l = Write("de.csv",
            "IMAGE INDEX,FINDING LABELS,Patient ID\n00000001_000.png,Cardiomegaly,1\n00000002_000.png,No Finding,2\n");
        ReferenceLabels t = LabelReader.Read(l);
        Assert.Equal(LabelSourceKind.NihDataEntry, t.Kind);
        Assert.Equal(1, t.Values[t.IndexOfClass("Cardiomegaly")][0]);
        Assert.Equal(0, t.Values[t.IndexOfClass("cardiomegaly")][1]);
    }

    [Fact]
    public void Two_label_columns_that_differ_only_in_case_are_refused()
    {
        string l = Write("l.csv", "id,Effusion,EFFUSION\na,1,0\n");
        var e = Assert.Throws<ChestDxException>(() => LabelReader.Read(l));
        Assert.Equal($"{l}: columns \"Effusion\" and \"EFFUSION\" name the same class "
            + "(names match in any case, ignoring spaces and '_')", e.Message);
    }
}
