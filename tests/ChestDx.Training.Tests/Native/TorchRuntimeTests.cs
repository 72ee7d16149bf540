using ChestDx.Core;
using ChestDx.Training.Native;
using ChestDx.Training.Settings;
using TorchSharp;
using static TorchSharp.torch;

namespace ChestDx.Training.Tests.Native;

/// <summary>
/// The libtorch functions looked up by mangled name work on the libtorch this build ships (2.10, CPU).
/// </summary>
public class TorchRuntimeTests
{
    [Fact]
    public void Probe_reports_the_loaded_libtorch_and_the_symbols_chestdx_needs()
    {
        TorchRuntimeInfo info = TorchRuntime.Probe();
        Assert.Equal("cpu", info.Backend);
        Assert.Equal("2.10.0", info.LibTorchVersion);
        Assert.EndsWith("/libtorch_cpu.so", info.LibTorchPath);
        Assert.True(info.AutocastAvailable, "missing: " + string.Join(", ", info.AutocastSymbolsMissing));
        Assert.Equal(7, info.AutocastSymbolsFound.Count);
        Assert.True(info.CudnnBenchmarkSettable);
        Assert.False(info.CudaAvailable); // this build has no CUDA backend
        Assert.Equal(Environment.ProcessorCount, info.Cores);
    }

    [Fact]
    public void Autocast_scope_runs_convolutions_in_bf16_and_restores_fp32()
    {
        using var conv = nn.Conv2d(3, 4, 3);
        using var x = torch.randn(1, 3, 8, 8);
        using (Autocast.Enter(Autocast.DeviceCpu)!)
        {
            using Tensor inside = conv.forward(x);
            Assert.Equal(ScalarType.BFloat16, inside.dtype);
            Assert.Equal(ScalarType.Float32, conv.weight!.dtype); // parameters stay fp32
        }
        using Tensor after = conv.forward(x);
        Assert.Equal(ScalarType.Float32, after.dtype);
    }

    [Fact]
    public void Nested_autocast_scopes_restore_the_outer_state()
    {
        using var linear = nn.Linear(4, 4);
        using var x = torch.randn(2, 4);
        using (Autocast.Enter(Autocast.DeviceCpu)!)
        {
            using (Autocast.Enter(Autocast.DeviceCpu)!) { }
            using Tensor stillInside = linear.forward(x);
            Assert.Equal(ScalarType.BFloat16, stillInside.dtype);
        }
    }

    [Fact]
    public void Cudnn_benchmark_flag_round_trips()
    {
        bool? before = CudnnSettings.Benchmark();
        Assert.NotNull(before);
        Assert.True(CudnnSettings.TrySetBenchmark(!before!.Value));
        Assert.Equal(!before.Value, CudnnSettings.Benchmark());
        CudnnSettings.TrySetBenchmark(before.Value);
    }

    [Fact]
    public void Libtorch_version_is_read_from_a_pytorch_install_layout()
    {
        using var dir = new TestNets.TempDir();
        Directory.CreateDirectory(dir.File("lib"));
        File.WriteAllText(dir.File("version.py"), "__version__ = '2.5.1+cu124'\ngit_version = 'abc'\n");
        Assert.Equal("2.5.1+cu124", TorchRuntime.LibTorchVersion(dir.File("lib/libtorch_cpu.so")));
        Assert.Equal("2.10.0", TorchRuntime.LibTorchVersion(
            "/root/.nuget/packages/libtorch-cpu-linux-x64/2.10.0/runtimes/linux-x64/native/libtorch_cpu.so"));
    }

    [Fact]
    public void Asking_for_cuda_without_it_is_a_clear_error()
    {
        var e = Assert.Throws<ChestDxException>(() => TorchRuntime.SelectDevice(DeviceChoice.Cuda));
        Assert.Contains("CUDA is not available", e.Message);
        Assert.Equal(DeviceType.CPU, TorchRuntime.SelectDevice(DeviceChoice.Auto).type);
    }
}
