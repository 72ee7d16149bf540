using System.Globalization;
using ChestDx.Core.Models;
using ChestDx.Core;
using ChestDx.Core.Packs;
using ChestDx.Core.Predictions;
using ChestDx.Core.Progress;
using ChestDx.Imaging;
using ChestDx.Imaging.Normalisation;
using ChestDx.Imaging.Overlays;
using ChestDx.Training.Data;
using ChestDx.Training.Inference;
using ChestDx.Training.Model;
using ChestDx.Training.Runs;
using ChestDx.Training.Settings;
using ChestDx.Training.Tests.Runs;
using ChestDx.Training.Weights;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using static TorchSharp.torch;

namespace ChestDx.Training.Tests.Inference;

/// <summary>
/// Prediction from a trained run on a pack split and on PNG files, with ten-crop and class activation maps.
/// </summary>
public class PredictorTests : IClassFixture<PredictorTests.TrainedRun>
{
    private readonly TrainedRun _run;

    public PredictorTests(TrainedRun run) => _run = run;

    /// <summary>One short training run shared by the tests of this class.</summary>
    public sealed class TrainedRun : IDisposable
    {
        public TestNets.TempDir Dir { get; } = new();
        public string Pack { get; }
        public TrainResult Result { get; }

        public TrainedRun()
        {
            Pack = TinyPack.Create(Dir.File("pack"), size: 36, train: 96, val: 32, test: 24);
            Result = Trainer.Run(TrainerTests.TinyConfig(Pack) with { Epochs = 6 }, Dir.File("run"), new TrainOptions(),
                NullProgressSink.Instance);
        }

        public void Dispose() => Dir.Dispose();
    }

    [Fact]
    public void Predictions_on_the_validation_split_reproduce_the_best_epochs_validation_auroc()
    {
        using var predictor = Predictor.Load(_run.Result.Run.Path, DeviceChoice.Cpu, NullProgressSink.Instance);
        using var source = new PackImageSource(_run.Pack, "val");
        // The trainer's batch size, so the kernels sum in the same order as the run's validation did.
        PredictResult result = predictor.Predict(
            source, new PredictOptions { BatchSize = _run.Result.Config.BatchSize }, NullProgressSink.Instance);
        float[] flat = result.Rows.SelectMany(r => r.Probabilities).ToArray();
        IReadOnlyList<double?> auroc =
            ValidationPass.PerClassAuroc(source.Pack, source.Entries.Select(e => e.Row).ToList(), flat);

        EpochMetrics best = _run.Result.State.History.Last(m => m.IsBest);
        Assert.Equal(best.Epoch, _run.Result.Card!.BestEpoch);
        Assert.Equal(best.ValAuroc.Count, auroc.Count);
        for (int c = 0; c < auroc.Count; c++)
            Assert.True(auroc[c] is { } a && best.ValAuroc[c] is { } e && Math.Abs(a - e) <= 1e-12,
                $"class {c}: predicted val AUROC {auroc[c]} vs the run's {best.ValAuroc[c]}"
                + $" at best epoch {best.Epoch}");
        Assert.Equal(_run.Result.Card.BestValMeanAuroc!.Value, auroc.Average(a => a!.Value), 12);
    }

    [Fact]
    public void Predictions_on_the_test_split_cover_every_image_in_order_and_separate_the_classes()
    {
        using var predictor = Predictor.Load(_run.Result.Run.Path, DeviceChoice.Cpu, NullProgressSink.Instance);
        using var source = new PackImageSource(_run.Pack, "test");
        PredictResult result =
            predictor.Predict(source, new PredictOptions { BatchSize = 7 }, NullProgressSink.Instance);

        Assert.Equal(TinyPack.Classes, result.Classes);
        Assert.Equal(source.Entries.Select(e => e.ImageId), result.Rows.Select(r => r.ImageId));
        float[] flat = result.Rows.SelectMany(r => r.Probabilities).ToArray();
        Assert.All(flat, p => Assert.InRange(p, 0f, 1f));
        IReadOnlyList<double?> auroc =
            ValidationPass.PerClassAuroc(source.Pack, source.Entries.Select(e => e.Row).ToList(), flat);
        Assert.All(auroc, a => Assert.True(a >= 0.85, $"test AUROC {a}"));
    }

    [Fact]
    public void Ten_crop_equals_the_mean_of_torchvisions_ten_crops_predicted_one_at_a_time()
    {
        using var predictor = Predictor.Load(_run.Result.Run.Model, DeviceChoice.Cpu, NullProgressSink.Instance);
        using var source = new PackImageSource(_run.Pack, "test");
        PredictResult ten =
            predictor.Predict(source, new PredictOptions { TenCrop = true, BatchSize = 5 }, NullProgressSink.Instance);

        // The reference cuts the windows itself, as torchvision's TenCrop does: five_crop of the image (corners, then
        // the centre at int(round((S − s) / 2))), then five_crop of the horizontally flipped image; each window is
        // predicted alone (batch of one) and the ten sigmoid outputs averaged.
        using var scope = NewDisposeScope();
        using StateDict weights = WeightFile.Read(_run.Result.Run.Model);
        using var model = new DenseNet(ModelPackage.FromMetadata(weights.Metadata, _run.Result.Run.Model).Architecture);
        ModelWeights.Load(model, weights, _run.Result.Run.Model);
        model.eval();
        const int side = 36, crop = 32; // the pack's images and the ten-crop's crops
        var whole = new BatchAssembler(
            new ImageGeometry { PackSize = crop, InputSize = crop, TrainResize = false, EvalResize = false },
            channelsLast: false);
        var pack = source.Pack;
        var rows = pack.Split("test");
        for (int i = 0; i < 5; i++)
        {
            byte[] image = pack.GetImage(rows[i].Row).ToArray();
            byte[] mirrored = new byte[image.Length];
            for (int y = 0; y < side; y++)
                for (int x = 0; x < side; x++) mirrored[y * side + x] = image[y * side + side - 1 - x];
            int c = (int)Math.Round((side - crop) / 2.0);
            (int X, int Y)[] corners = [(0, 0), (side - crop, 0), (0, side - crop), (side - crop, side - crop), (c, c)];
            var sum = new double[TinyPack.Classes.Length];
            foreach (byte[] source2 in new[] { image, mirrored })
                foreach ((int x0, int y0) in corners)
                {
                    byte[] window = new byte[crop * crop];
                    for (int y = 0; y < crop; y++) Array.Copy(source2, (y0 + y) * side + x0, window, y * crop, crop);
                    using (no_grad())
                    {
                        Tensor p = sigmoid(model.forward(
                            whole.Inputs(_ => window, crop, [new SampleView(0, 0, false)], training: false)));
                        float[] values = p.data<float>().ToArray();
                        for (int k = 0; k < sum.Length; k++) sum[k] += values[k];
                    }
                }
            for (int k = 0; k < sum.Length; k++)
            {
                double expected = sum[k] / 10;
                Assert.True(Math.Abs(ten.Rows[i].Probabilities[k] - expected) <= 1e-5 * expected,
                    $"image {i} class {k}: ten-crop {ten.Rows[i].Probabilities[k]}"
                    + $" vs mean of ten single windows {expected}");
            }
        }
    }

    [Fact]
    public void Png_files_predict_like_their_pack_rows_and_cams_are_written()
    {
        using var dir = new TestNets.TempDir();
        using var pack = ChestDx.Core.Packs.DatasetPack.Open(_run.Pack);
        var files = new List<string>();
        foreach (var e in pack.Split("test").Take(3))
        {
            string file = dir.File(e.ImageId);
            using var image = Image.LoadPixelData<L8>(pack.GetImage(e.Row).ToArray(), 36, 36);
            image.SaveAsPng(file);
            files.Add(file);
        }
        using var predictor = Predictor.Load(_run.Result.Run.Path, DeviceChoice.Cpu, NullProgressSink.Instance);
        PredictResult fromFiles = predictor.Predict(
            new ImageFileSource(files.Select(f => new ImageInput(f, Path.GetFileName(f))).ToList(),
                predictor.Package.ImageSize, AspectMode.Pad),
            new PredictOptions { CamDirectory = dir.File("cams"), CamTop = 2 }, NullProgressSink.Instance);
        using var source = new PackImageSource(_run.Pack, "test");
        PredictResult fromPack = predictor.Predict(source, new PredictOptions(), NullProgressSink.Instance);

        var testRows = pack.Split("test");
        for (int i = 0; i < 3; i++)
        {
            // same pixels…
            Assert.Equal(pack.GetImage(testRows[i].Row).ToArray(), ImageFileSource.Load(files[i], 36, AspectMode.Pad));
            Assert.Equal(fromPack.Rows[i].ImageId, fromFiles.Rows[i].ImageId);
            for (int c = 0; c < 2; c++) // …same numbers, up to the batch size changing the kernels' summation order
                Assert.True(Math.Abs(fromPack.Rows[i].Probabilities[c] - fromFiles.Rows[i].Probabilities[c]) < 1e-6);
        }
        Assert.Equal(6, fromFiles.CamFiles);
        string[] cams = Directory.GetFiles(dir.File("cams"), "*.png");
        Assert.Equal(6, cams.Length);
        using var cam = Image.Load<Rgb24>(cams[0]);
        var layout = new ChestDx.Imaging.Overlays.CamLayout(32); // the 32-pixel input under a header, bar beside
        Assert.Equal((layout.Width, layout.Height), (cam.Width, cam.Height));
        Assert.Contains(files, f => Path.GetFileName(cams[0])
            .StartsWith(Path.GetFileNameWithoutExtension(f) + "_", StringComparison.Ordinal));
        Assert.True(File.Exists(dir.File("cams/index.html")));
    }

    [Fact]
    public void Predictions_csv_round_trips_every_probability()
    {
        using var dir = new TestNets.TempDir();
        float[] p = [0.1f, 1f / 3, 0.99999994f, 1.4e-45f];
        PredictionsCsv.Write(dir.File("p.csv"), ["A", "B", "C", "D"], [("img,1.png", p)]);
        string[] lines = File.ReadAllLines(dir.File("p.csv"));
        Assert.Equal("image_id,A,B,C,D", lines[0]);
        Assert.StartsWith("\"img,1.png\",", lines[1]);
        float[] back = lines[1][(lines[1].LastIndexOf('"') + 2)..].Split(',')
            .Select(s => float.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(p, back);
    }

    [Fact]
    public void Cam_highlights_where_the_feature_map_and_weights_agree()
    {
        using Tensor features = zeros(2, 4, 4);
        features[0, 1, 2] = tensor(5f);   // channel 0 fires at (1, 2)
        features[1, 3, 0] = tensor(5f);   // channel 1 fires at (3, 0)
        using Tensor weight = tensor(new float[] { 1, 0, 0, 1 }).view(2, 2);
        float[] cam0 = ClassActivationMap.Compute(features, weight, 0, 4);
        float[] cam1 = ClassActivationMap.Compute(features, weight, 1, 4);
        Assert.Equal(1f, cam0[1 * 4 + 2]);
        Assert.Equal(0f, cam0[3 * 4 + 0]);
        Assert.Equal(1f, cam1[3 * 4 + 0]);
        Assert.Equal((0.0, 0.0, 0.5), HeatmapOverlay.Jet(0));
        Assert.Equal((0.5, 0.0, 0.0), HeatmapOverlay.Jet(1));
    }

    [Fact]
    public void Unfinished_runs_and_unreadable_files_are_explained()
    {
        using var dir = new TestNets.TempDir();
        var run = new RunDirectory(dir.File("run"));
        run.Create();
        File.WriteAllText(run.LastCheckpoint, "");
        var e = Assert.Throws<ChestDxException>(
            () => Predictor.Load(run.Path, DeviceChoice.Cpu, NullProgressSink.Instance));
        Assert.Contains("--resume", e.Message);

        string text = dir.File("notes.txt");
        File.WriteAllText(text, "not an image");
        var d = Assert.Throws<ChestDxException>(() => ImageFileSource.Load(text, 32, AspectMode.Pad));
        Assert.Equal($"{text}: not a supported image: no PNG, JPEG or DICOM signature", d.Message);
    }

    [Fact]
    public void A_plain_torchvision_state_dict_is_assumed_densenet121_with_a_warning()
    {
        using var dir = new TestNets.TempDir();
        using (var model = new DenseNet(DenseNetConfig.DenseNet121(classes: 14)))
            SafeTensors.Write(dir.File("plain.safetensors"), ModuleState.Ordered(model));
        var progress = new RecordingProgressSink();
        using var predictor = Predictor.Load(dir.File("plain.safetensors"), DeviceChoice.Cpu, progress);
        Assert.True(predictor.Package.Assumed);
        Assert.Equal(224, predictor.Package.InputSize);
        Assert.Contains(progress.Warnings, w => w.Contains("assuming DenseNet-121", StringComparison.Ordinal));
    }
}
