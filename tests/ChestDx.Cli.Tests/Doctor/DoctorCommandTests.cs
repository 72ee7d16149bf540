using System.Text.Json;
using ChestDx.Training.Diagnostics;
using static TorchSharp.torch;

namespace ChestDx.Cli.Tests.Doctor;

/// <summary>`chestdx doctor` on this machine: the libtorch CPU build loads, a training step passes, exit 0.</summary>
public sealed class DoctorCommandTests
{
    private static (int Exit, string Out, string Err) Run(params string[] args) => CliRunner.Run(args);

    [Fact]
    public void Reports_the_cpu_backend_and_passes_the_training_step()
    {
        var (exit, output, err) = Run("doctor");
        Assert.True(exit == 0, err + output);
        Assert.Matches(@"backend\s+│ cpu", output);
        Assert.Contains("2.10.0", output); // libtorch-cpu-linux-x64 version this build restores
        Assert.Contains("CharLS", output);
        Assert.Contains("OpenJPEG", output);
        Assert.Matches(@"cpu\s+│ pass", output);
        Assert.Contains("ready: can train on the CPU", output);
    }

    [Fact]
    public void Json_output_names_every_section()
    {
        var (exit, output, err) = Run("doctor", "--json");
        Assert.True(exit == 0, err + output);
        using var json = JsonDocument.Parse(output);
        JsonElement root = json.RootElement;
        Assert.Equal("cpu", root.GetProperty("torch").GetProperty("backend").GetString());
        Assert.False(root.GetProperty("torch").GetProperty("cuda_available").GetBoolean());
        Assert.Equal(3, root.GetProperty("codecs").GetArrayLength());
        JsonElement smoke = root.GetProperty("smoke")[0];
        Assert.Equal("cpu", smoke.GetProperty("device").GetString());
        Assert.True(smoke.GetProperty("passed").GetBoolean());
        Assert.True(root.GetProperty("can_train").GetBoolean());
    }

    [Fact]
    public void Require_cuda_exits_1_exactly_when_cuda_cannot_train()
    {
        var (exit, output, err) = Run("doctor", "--require-cuda");
        if (cuda.is_available())
        {
            Assert.True(exit == 0, err + output);
            Assert.Matches(@"cuda\s+│ pass", output);
        }
        else
        {
            Assert.Equal(1, exit);
            Assert.Matches(@"CUDA\s+│ no", output);
        }
    }

    [Fact]
    public void Smoke_check_fits_a_batch_on_the_cpu()
    {
        SmokeCheckResult result = TrainingSmokeCheck.Run(CPU);
        Assert.True(result.Passed, result.Problem);
        Assert.Equal(5, result.Losses.Count);
        Assert.True(result.Losses[^1] < result.Losses[0] * 0.95, string.Join(", ", result.Losses));
    }
}
