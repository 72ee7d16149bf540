using ChestDx.Bench;

namespace ChestDx.Cli.Tests.Bench;

/// <summary>The Python baselines travel inside ChestDx.Bench as resources, one per external tool.</summary>
public sealed class BaselineScriptTests
{
    [Fact]
    public void Every_baseline_script_is_embedded_under_its_file_name()
    {
        Assert.Equal(
            [
                "pillow_ingest.py", "pillow_jpeg.py", "pydicom_read.py", "pytorch_predict.py",
                "pytorch_train_step.py", "sklearn_auroc.py",
            ],
            BaselineScript.Names);
        foreach (string name in BaselineScript.Names)
            Assert.StartsWith("#!/usr/bin/env python3\n", BaselineScript.Text(name), StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_script_name_is_an_error_naming_it()
    {
        var e = Assert.Throws<ArgumentException>(() => BaselineScript.Text("no_such_script.py"));
        Assert.Contains("no_such_script.py", e.Message);
    }
}
