using ChestDx.Core.Progress;
using ChestDx.Training.Data;
using ChestDx.Training.Native;
using ChestDx.Training.Settings;
using TorchSharp;
using static TorchSharp.torch;

namespace ChestDx.Training.Runs;

/// <summary>
/// Where and how the numbers are computed: the device, bf16 autocast or fp32, channels-last, and the thread count,
/// resolved from a <see cref="TrainConfig"/> against what this machine and libtorch offer. Every fallback is said
/// through the progress sink, never silent.
/// </summary>
public sealed record ComputeSettings(Device Device, bool Bf16, bool ChannelsLast, int Threads)
{
    public bool IsCuda => Device.type == DeviceType.CUDA;

    public static ComputeSettings Resolve(TrainConfig config, IProgressSink progress) =>
        Resolve(config.Device, config.Precision, config.ChannelsLast, config.Threads, progress);

    public static ComputeSettings Resolve(DeviceChoice device, PrecisionChoice precision, AutoSwitch channelsLast,
        int threads, IProgressSink progress)
    {
        Device d = TorchRuntime.SelectDevice(device);
        bool cuda = d.type == DeviceType.CUDA;
        bool bf16 = precision switch
        {
            PrecisionChoice.Bf16 => true,
            PrecisionChoice.Fp32 => false,
            _ => cuda, // auto: bf16 on CUDA; on CPU it pays only with AMX (measure with `chestdx bench train`)
        };
        if (bf16 && !Native.Autocast.Available)
        {
            progress.Warn("bf16 autocast is not available in this libtorch " +
                          "(autocast symbols missing; see `chestdx doctor`); training in fp32");
            bf16 = false;
        }
        bool nhwc = channelsLast switch { AutoSwitch.On => true, AutoSwitch.Off => false, _ => cuda };
        int resolvedThreads = TorchRuntime.ResolveThreads(threads);
        if (!cuda && resolvedThreads > 1 && TorchRuntime.LoadAverage() is { } load
            && load >= Environment.ProcessorCount)
            progress.Warn(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"the machine is busy (load average {load:0.0} on {Environment.ProcessorCount} cores): libtorch's " +
                $"{resolvedThreads} OpenMP threads wait for each other whenever one is preempted, which can make " +
                $"CPU steps many times slower; --threads 1 avoids it"));
        return new ComputeSettings(d, bf16, nhwc, resolvedThreads);
    }

    /// <summary>Opens bf16 autocast for this device on the calling thread, or returns null for fp32.</summary>
    public IDisposable? Autocast() =>
        Bf16 ? Native.Autocast.Enter(IsCuda ? Native.Autocast.DeviceCuda : Native.Autocast.DeviceCpu) : null;

    /// <summary>Moves the model to the device and, with channels-last, gives its 4-D weights NHWC strides (what
    /// PyTorch's model.to(memory_format=torch.channels_last) does), before any optimizer state exists.</summary>
    public void Prepare(nn.Module model)
    {
        model.to(Device);
        if (!ChannelsLast) return;
        using var _ = torch.no_grad();
        foreach (var (_, p) in model.named_parameters())
            if (p.dim() == 4)
                using (Tensor nhwc = BatchAssembler.ChannelsLast(p))
                    p.set_(nhwc);
    }

    public string Precision => Bf16 ? "bf16 autocast" : "fp32";

    public string Describe() =>
        $"{Device.type.ToString().ToLowerInvariant()}, {Precision}{(ChannelsLast ? ", channels-last" : "")}, " +
        $"{Threads} threads";
}
