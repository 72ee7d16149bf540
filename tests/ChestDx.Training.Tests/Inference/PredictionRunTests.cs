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
        var notPack = files with { Inputs = [folder], Split = null };
        e = Assert.Throws<ChestDxException>(() => PredictionRun.Run(notPack, NullProgressSink.Instance));
        Assert.Contains("a directory that is not a dataset pack", e.Message);
        Assert.False(File.Exists(files.Output));
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
