using ChestDx.Training.Tests;

namespace ChestDx.Cli.Tests.Training;

/// <summary>`chestdx train` and `chestdx predict`
/// end to end on a tiny pack (tiny DenseNet through --set, CPU).</summary>
public sealed class TrainPredictCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("chestdx-cli-").FullName;

    private static readonly string[] TinyModel =
    [
        "--device", "cpu", "--input-size", "32", "--batch-size", "16", "--seed", "3",
        "--set", "model.growth_rate=8", "--set", "model.block_config=2,2,2,2", "--set", "model.num_init_features=16",
        "--set", "model.bn_size=2", "--set", "model.num_classes=2", "--set", "threads=1",
        "--set", "early_stopping_patience=0",
    ];

    private (int Exit, string Out, string Err) Run(params string[] args) => CliRunner.Run(args);

    private string P(string name) => Path.Combine(_dir, name);

    [Fact]
    public void Train_then_predict_writes_a_run_and_predictions()
    {
        string pack = TinyPack.Create(P("pack"), train: 48, val: 16, test: 8);
        var train = Run(["train", "--data", pack, "--out", P("run"), "--epochs", "2", .. TinyModel]);
        Assert.True(train.Exit == 0, train.Err + train.Out);
        Assert.Contains("model: " + Path.Combine(P("run"), "model.safetensors"), train.Out);
        Assert.Contains("val mean AUROC", train.Out);
        Assert.Contains("no --weights", train.Err); // the from-scratch warning goes to stderr
        Assert.True(File.Exists(Path.Combine(P("run"), "model_card.json")));

        var predict = Run("predict", "--model", P("run"), "--data", pack, "--split", "test", "--out", P("p.csv"),
            "--cam", P("cams"), "--cam-top", "1", "--tta", "--device", "cpu");
        Assert.True(predict.Exit == 0, predict.Err + predict.Out);
        string[] lines = File.ReadAllLines(P("p.csv"));
        Assert.Equal("image_id,Disc,Stripes", lines[0]);
        Assert.Equal(9, lines.Length);
        Assert.Equal(8, Directory.GetFiles(P("cams"), "*.png").Length);
        Assert.Contains("8 predictions (2 classes, ten-crop)", predict.Out);
    }

    [Fact]
    public void Predict_reads_png_and_dicom_files_through_the_ingestion_normaliser()
    {
        string pack = TinyPack.Create(P("pack"), train: 32, val: 16);
        Assert.Equal(0, Run(["train", "--data", pack, "--out", P("run"), "--epochs", "1", .. TinyModel]).Exit);
        string png = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "data", "nih-sample"), "*.png",
            SearchOption.AllDirectories).Order().First();
        string dicom = Path.Combine(AppContext.BaseDirectory, "data", "dicom", "generated", "base_u12_ele.dcm");

        var predict = Run("predict", "--model", P("run"), "--data", png, dicom, "--out", P("files.csv"),
            "--device", "cpu");
        Assert.True(predict.Exit == 0, predict.Err + predict.Out);
        string[] lines = File.ReadAllLines(P("files.csv"));
        Assert.Equal(3, lines.Length);
        Assert.StartsWith(Path.GetFileName(png) + ",", lines[1]);
        Assert.StartsWith("base_u12_ele.dcm,", lines[2]);

        var missing = Run("predict", "--model", P("run"), "--data", P("nope.png"), "--out", P("x.csv"),
            "--device", "cpu");
        Assert.Equal(1, missing.Exit);
        Assert.Contains($"{P("nope.png")}: image file not found", missing.Err);
    }

    [Fact]
    public void Predict_out_dash_writes_the_csv_to_stdout_the_summary_to_stderr_and_no_file()
    {
        string pack = TinyPack.Create(P("pack"), train: 32, val: 16, test: 4);
        Assert.Equal(0, Run(["train", "--data", pack, "--out", P("run"), "--epochs", "1", .. TinyModel]).Exit);
        string[] tempsBefore = Directory.GetDirectories(Path.GetTempPath(), "chestdx-stdout-*");

        var toFile = Run("predict", "--model", P("run"), "--data", pack, "--split", "test", "--out", P("p.csv"),
            "--device", "cpu", "--threads", "1");
        var toStdout = Run("predict", "--model", P("run"), "--data", pack, "--split", "test", "--out", "-",
            "--device", "cpu", "--threads", "1");

        Assert.True(toStdout.Exit == 0, toStdout.Err);
        Assert.Equal(File.ReadAllText(P("p.csv")), toStdout.Out); // stdout is the file, byte for byte, and only it
        Assert.Contains("4 predictions (2 classes)", toStdout.Err);
        Assert.False(File.Exists("-"));
        Assert.Equal(tempsBefore, Directory.GetDirectories(Path.GetTempPath(), "chestdx-stdout-*"));
        Assert.Equal(0, toFile.Exit);
    }

    [Fact]
    public void Resume_continues_a_run_with_more_epochs()
    {
        string pack = TinyPack.Create(P("pack"), train: 32, val: 16);
        Assert.Equal(0, Run(["train", "--data", pack, "--out", P("run"), "--epochs", "1", .. TinyModel]).Exit);
        var resumed = Run("train", "--out", P("run"), "--resume", "--epochs", "2");
        Assert.True(resumed.Exit == 0, resumed.Err);
        Assert.Equal(3, File.ReadAllLines(Path.Combine(P("run"), "metrics.csv")).Length);

        var changed = Run("train", "--out", P("run"), "--resume", "--lr", "0.5");
        Assert.Equal(1, changed.Exit);
        Assert.Contains("cannot change learning_rate when resuming", changed.Err);
    }

    /// <summary>
    /// A run killed during its first epoch has config.json but no checkpoint, and may hold the temporaries of a killed
    /// checkpoint or model write: --resume starts it again from config.json, clears the debris, and gives the model an
    /// uninterrupted run gives, byte for byte.
    /// </summary>
    [Fact]
    public void Resume_before_the_first_checkpoint_restarts_from_the_saved_config_and_clears_temporaries()
    {
        string pack = TinyPack.Create(P("pack"), train: 32, val: 16);
        var whole = Run(["train", "--data", pack, "--out", P("whole"), "--epochs", "1", .. TinyModel]);
        Assert.True(whole.Exit == 0, whole.Err);

        string run = P("run");
        Directory.CreateDirectory(Path.Combine(run, "checkpoints"));
        File.Copy(Path.Combine(P("whole"), "config.json"), Path.Combine(run, "config.json"));
        string[] debris =
        [
            Path.Combine(run, "checkpoints", ".last.ckpt.tmp-4242-0123456789abcdef0123456789abcdef"),
            Path.Combine(run, ".model.safetensors.tmp-4242-0123456789abcdef0123456789abcdef"),
        ];
        foreach (string d in debris) File.WriteAllBytes(d, new byte[4096]);

        var resumed = Run("train", "--out", run, "--resume");
        Assert.True(resumed.Exit == 0, resumed.Err);
        Assert.Contains($"{run}: stopped before its first checkpoint; starting it again from config.json", resumed.Err);
        Assert.Empty(Directory.GetFiles(run, "*.tmp-*", SearchOption.AllDirectories));
        Assert.Equal(File.ReadAllBytes(Path.Combine(P("whole"), "model.safetensors")),
            File.ReadAllBytes(Path.Combine(run, "model.safetensors")));
    }

    [Fact]
    public void Resume_of_a_run_without_config_or_checkpoint_says_which_command_starts_it()
    {
        Directory.CreateDirectory(P("empty-run"));
        var (exit, _, err) = Run("train", "--out", P("empty-run"), "--resume");
        Assert.Equal(1, exit);
        Assert.Contains("nothing to resume: no checkpoints/last.ckpt and no config.json (the run stopped before " +
                        "it started); start it again with `chestdx train --out " +
                        $"{P("empty-run")}` and its original options", err);
        Assert.Single(err.Trim().Split('\n'));
    }

    [Theory]
    [InlineData(new[] { "train", "--out", "RUN" }, "chestdx train: error: config: data (the dataset pack) is not set")]
    [InlineData(new[] { "train", "--out", "RUN", "--data", "PACK", "--set", "learnig_rate=1" },
        "unknown key 'learnig_rate'")]
    [InlineData(new[] { "train", "--out", "RUN", "--data", "PACK", "--set", "eval_crop=centre" },
        "config: eval_crop: 'centre' is not center or resize")]
    [InlineData(new[] { "predict", "--model", "MISSING.safetensors", "--data", "PACK", "--out", "p.csv" },
        "MISSING.safetensors: weights file not found")]
    public void Bad_input_is_one_line_on_stderr_and_exit_1(string[] args, string expected)
    {
        var (exit, _, err) =
            Run(args.Select(a => a is "RUN" or "PACK" or "MISSING.safetensors" or "p.csv" ? P(a) : a).ToArray());
        Assert.Equal(1, exit);
        Assert.Contains(expected.Replace("MISSING.safetensors", P("MISSING.safetensors"), StringComparison.Ordinal),
            err);
        Assert.Single(err.Trim().Split('\n'));
    }

    [Theory]
    [InlineData(new[] { "train", "--out", "RUN", "--data", "PACK", "--freeze", "half" }, "freeze policy 'half'")]
    [InlineData(new[] { "train", "--out", "RUN", "--data", "PACK", "--precision", "fp16" },
        "--precision 'fp16' is not auto, fp32 or bf16")]
    [InlineData(new[] { "predict", "--model", "MISSING.safetensors", "--data", "PACK", "--out", "p.csv",
                        "--device", "tpu" },
        "--device 'tpu' is not auto, cpu or cuda")]
    public void A_value_outside_its_choices_is_a_usage_error_of_one_line_and_exit_2(string[] args, string expected)
    {
        var (exit, _, err) =
            Run(args.Select(a => a is "RUN" or "PACK" or "MISSING.safetensors" or "p.csv" ? P(a) : a).ToArray());
        Assert.Equal(2, exit);
        Assert.Contains(expected, err);
        Assert.StartsWith($"chestdx {args[0]}: error: ", err);
        Assert.Single(err.Trim().Split('\n'));
    }

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
