using System.Diagnostics;
using System.Runtime.InteropServices;
using ChestDx.Core.Models;
using ChestDx.Core.Classes;
using ChestDx.Training.Model;
using ChestDx.Training.Runs;
using TorchSharp;
using static TorchSharp.torch;

namespace ChestDx.Training.Diagnostics;

/// <summary>What one <see cref="TrainingSmokeCheck"/> on a device showed.</summary>
/// <param name="Device">"cpu" or "cuda".</param>
/// <param name="Passed">Every step ran, every loss was finite, and the last loss is below the first.</param>
/// <param name="Losses">Loss after each step (empty when the first step failed).</param>
/// <param name="Milliseconds">Wall time of all steps.</param>
/// <param name="Problem">Why it failed: the exception message or the loss that was wrong; null when it passed.</param>
public sealed record SmokeCheckResult(
    string Device, bool Passed, IReadOnlyList<double> Losses, double Milliseconds, string? Problem);

/// <summary>
/// Proves an install can train rather than merely load libtorch: a tiny DenseNet (the same module code as DenseNet-121,
/// two one-layer blocks) fits one fixed batch for a few Adam steps with the trainer's masked BCE. Libtorch builds that
/// load but lack a kernel, a CUDA runtime that enumerates a GPU it cannot use, or a broken autograd all fail here, in a
/// second, instead of hours into a run. A mismatched libtorch can also fail in native code the runtime cannot catch;
/// that is why doctor runs this last.
/// </summary>
public static class TrainingSmokeCheck
{
    private const int Steps = 5;

    public static SmokeCheckResult Run(Device device)
    {
        string name = device.type == DeviceType.CUDA ? "cuda" : "cpu";
        var clock = Stopwatch.StartNew();
        var losses = new List<double>();
        try
        {
            using var scope = torch.NewDisposeScope();
            var config = new DenseNetConfig
            {
                GrowthRate = 8, BlockConfig = [1, 1], NumInitFeatures = 16, BnSize = 2,
                NumClasses = ClassSet.ChestXray14.Count,
            };
            using var model = new DenseNet(config, seed: 1);
            model.to(device);
            model.train();
            using var optimizer = torch.optim.Adam(model.parameters(), lr: 1e-2);
            using var generator = new torch.Generator(7);
            Tensor inputs = torch.randn([4, 3, 32, 32], generator: generator).to(device);
            Tensor targets = (torch.rand([4, config.NumClasses], generator: generator) > 0.5)
                .to(ScalarType.Float32).to(device);
            Tensor mask = torch.ones_like(targets);
            for (int i = 0; i < Steps; i++)
            {
                using var step = torch.NewDisposeScope();
                optimizer.zero_grad();
                Tensor loss = MaskedBce.Mean(model.forward(inputs), targets, mask, posWeight: null);
                loss.backward();
                optimizer.step();
                losses.Add(loss.item<float>());
            }
        }
        // What libtorch errors (ExternalException), a missing kernel or export, or a device that enumerates but fails
        // look like from .NET; anything else is a bug in this check and should surface.
        catch (Exception e) when (e is ExternalException or InvalidOperationException or ArgumentException
                                      or NotSupportedException or DllNotFoundException or EntryPointNotFoundException
                                      or TypeInitializationException)
        {
            return new SmokeCheckResult(name, false, losses, clock.Elapsed.TotalMilliseconds,
                $"{e.GetType().Name}: {e.Message}");
        }
        double ms = clock.Elapsed.TotalMilliseconds;
        if (losses.Any(l => !double.IsFinite(l)))
            return new SmokeCheckResult(name, false, losses, ms, "a loss was not finite");
        if (losses[^1] >= losses[0])
            return new SmokeCheckResult(name, false, losses, ms,
                $"loss did not fall while fitting one batch ({losses[0]:G4} → {losses[^1]:G4})");
        return new SmokeCheckResult(name, true, losses, ms, null);
    }
}
