using ChestDx.Core;
using ChestDx.Core.Predictions;
using ChestDx.Core.Progress;
using ChestDx.Training.Inference;
using ChestDx.Training.Settings;

namespace ChestDx.Training.Tests.Inference;

/// <summary>The prediction stage's entry point: one call from a run and a pack to predictions.csv and CAMs.</summary>
public class PredictionRunTests : IClassFixture<PredictorTests.TrainedRun>
{
    private readonly PredictorTests.TrainedRun _run;

    public PredictionRunTests(PredictorTests.TrainedRun run) => _run = run;

    [Fact]
    public void Run_on_a_pack_split_writes_the_same_predictions_csv_as_the_predictor_and_writer_by_hand()
    {
        using var dir = new TestNets.TempDir();
        var options = new PredictOptions { TenCrop = true, BatchSize = 5, CamDirectory = dir.File("cams"), CamTop = 1 };
        var request = new PredictionRequest
        {
            Model = _run.Result.Run.Path, Inputs = [_run.Pack], Split = "test", Output = dir.File("out/p.csv"),
            Device = DeviceChoice.Cpu, Options = options,
        };
        PredictionOutcome outcome = PredictionRun.Run(request, NullProgressSink.Instance);

        using (var predictor = Predictor.Load(_run.Result.Run.Path, DeviceChoice.Cpu, NullProgressSink.Instance))
        using (var source = new PackImageSource(_run.Pack, "test"))
        {
            var withoutCams = options with { CamDirectory = null };
            PredictResult byHand = predictor.Predict(source, withoutCams, NullProgressSink.Instance);
            PredictionsCsv.Write(dir.File("by-hand.csv"), byHand.Classes, byHand.Rows);
            Assert.Equal(predictor.Source, outcome.ModelSource);
            Assert.Equal(source.Count, outcome.Result.Rows.Count);
        }
        Assert.Equal(File.ReadAllBytes(dir.File("by-hand.csv")), File.ReadAllBytes(request.Output));
        Assert.Equal(request.Output, outcome.Output);
        Assert.True(outcome.TenCrop);
        Assert.Equal(outcome.Result.Rows.Count, outcome.Result.CamFiles); // one finding per image
        Assert.Equal(outcome.Result.CamFiles, Directory.GetFiles(dir.File("cams"), "*.png").Length);
    }

    [Fact]
    public void Run_refuses_a_split_with_image_files_and_a_folder_that_is_not_a_pack()
    {
        using var dir = new TestNets.TempDir();
        string png = dir.File("a.png");
        File.WriteAllBytes(png, []);
        var files = new PredictionRequest
        {
            Model = _run.Result.Run.Path, Inputs = [png], Split = "test", Output = dir.File("p.csv"),
            Device = DeviceChoice.Cpu,
        };
        var e = Assert.Throws<ChestDxException>(() => PredictionRun.Run(files, NullProgressSink.Instance));
        Assert.Equal("--split applies to a pack; --data lists image files", e.Message);

        string folder = Directory.CreateDirectory(dir.File("folder")).FullName;
        File.WriteAllText(Path.Combine(folder, "notes.txt"), "not an image");
        var noImages = files with { Inputs = [folder], Split = null };
        e = Assert.Throws<ChestDxException>(() => PredictionRun.Run(noImages, NullProgressSink.Instance));
        Assert.Equal($"{folder}: no image files in this folder (none of its 1 file(s) has a PNG, JPEG or DICOM "
            + "signature)", e.Message);
        Assert.False(File.Exists(files.Output));
    }

    /// <summary>
    /// A folder is every image under it, recursively: ids are paths relative to the folder (two "x.png" in two
    /// sub-folders stay apart), files no reader recognises and hidden files are skipped with one warning, and each
    /// image's probabilities are those of predicting the file on its own.
    /// </summary>
    [Fact]
    public void Run_on_a_folder_predicts_every_image_under_it_with_relative_ids()
    {
        using var dir = new TestNets.TempDir();
        string folder = dir.File("hospital-export");
        string png = Path.Combine(AppContext.BaseDirectory, "data", "nih-sample", "00000075_000.png");
        Directory.CreateDirectory(Path.Combine(folder, "b"));
        Directory.CreateDirectory(Path.Combine(folder, "a", "deeper"));
        File.Copy(png, Path.Combine(folder, "b", "x.png"));
        File.Copy(png, Path.Combine(folder, "a", "deeper", "x.png"));
        File.Copy(png, Path.Combine(folder, ".hidden.png"));
        File.WriteAllText(Path.Combine(folder, "README.txt"), "export notes");
        var warnings = new List<string>();
        var request = new PredictionRequest
        {
            Model = _run.Result.Run.Path, Inputs = [folder], Output = dir.File("folder.csv"), Device = DeviceChoice.Cpu,
        };

        PredictionRun.Run(request, new WarningSink(warnings));
        PredictionRun.Run(request with { Inputs = [png], Output = dir.File("one.csv") }, NullProgressSink.Instance);

        string[] rows = File.ReadAllLines(request.Output);
        Assert.Equal(["a/deeper/x.png", "b/x.png"], rows.Skip(1).Select(r => r.Split(',')[0]));
        string single = File.ReadAllLines(dir.File("one.csv"))[1];
        Assert.All(rows.Skip(1), row => Assert.Equal(single[single.IndexOf(',')..], row[row.IndexOf(',')..]));
        Assert.Equal([$"{folder}: 2 file(s) skipped (hidden, or without a PNG, JPEG or DICOM signature)"],
            warnings.Where(w => w.StartsWith(folder, StringComparison.Ordinal)));
    }

    private sealed class WarningSink(List<string> warnings) : IProgressSink
    {
        public void Info(string message) { }
        public void Warn(string message) => warnings.Add(message);
        public IProgressTask Start(string description, long total) =>
            NullProgressSink.Instance.Start(description, total);
    }

    [Fact]
    public void Run_refuses_a_batch_size_below_one_before_loading_the_model()
    {
        using var dir = new TestNets.TempDir();
        var request = new PredictionRequest
        {
            Model = dir.File("no-such-model"), Inputs = [_run.Pack], Output = dir.File("p.csv"),
            Options = new PredictOptions { BatchSize = 0 },
        };
        var e = Assert.Throws<ChestDxException>(() => PredictionRun.Run(request, NullProgressSink.Instance));
        Assert.Equal("--batch-size must be at least 1", e.Message);
    }
}
