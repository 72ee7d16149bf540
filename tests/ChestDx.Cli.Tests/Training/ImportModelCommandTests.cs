namespace ChestDx.Cli.Tests.Training;

/// <summary>`chestdx import-model` end to end, and `predict --operating-points` with the imported model.</summary>
public sealed class ImportModelCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("chestdx-cli-").FullName;

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "data", "model-import", name);

    private string P(string name) => Path.Combine(_dir, name);

    [Fact]
    public void An_xrv_state_dict_imports_and_predicts_op_norm_scores_that_say_so()
    {
        var import = CliRunner.Run(["import-model", Fixture("xrv_tiny_state_dict.safetensors"), "--weights-key", "all",
            "--out", P("xrv.safetensors")]);
        Assert.True(import.Exit == 0, import.Err + import.Out);
        Assert.Contains("xrv model (18 classes, xrv18; 1 input channel(s), xrv scaling, operating points of 'all') → "
            + P("xrv.safetensors"), import.Out);
        Assert.Contains("note: preprocessing: torchxrayvision centre-crops", import.Out);

        string png = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "data", "nih-sample"), "*.png",
            SearchOption.AllDirectories).Order().First();
        var predict = CliRunner.Run(["predict", "--model", P("xrv.safetensors"), "--data", png, "--out", P("p.csv"),
            "--operating-points", "--device", "cpu"]);
        Assert.True(predict.Exit == 0, predict.Err + predict.Out);
        string[] lines = File.ReadAllLines(P("p.csv"));
        Assert.StartsWith("image_id [op_norm scores: 0.5 = operating point; not probabilities],Atelectasis,", lines[0]);
        Assert.Contains("not probabilities", predict.Out);
    }

    [Fact]
    public void A_pickle_without_Python_is_one_error_line_with_the_command_to_run_elsewhere()
    {
        var import = CliRunner.Run(["import-model", Fixture("xrv_tiny_module.pt"), "--format", "xrv",
            "--python", P("no-python"), "--out", P("m.safetensors")]);
        Assert.Equal(1, import.Exit);
        string[] lines = import.Err.Trim().Split('\n');
        Assert.Single(lines);
        Assert.StartsWith(
            "chestdx import-model: error: " + Fixture("xrv_tiny_module.pt") + ": a PyTorch pickle", lines[0]);
        Assert.Contains("`python3 scripts/convert_torchvision_weights.py", lines[0]);
        Assert.False(File.Exists(P("m.safetensors")));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
