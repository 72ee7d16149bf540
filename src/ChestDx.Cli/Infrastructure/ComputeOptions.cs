using System.CommandLine;
using ChestDx.Training.Settings;

namespace ChestDx.Cli.Infrastructure;

/// <summary>
/// The two options of every command that computes with libtorch or ONNX Runtime (docs/cli.md): the same names, help
/// and defaults everywhere, so the busy-machine warning's advice (<c>--threads 1</c>) works on whichever command
/// printed it. The convention test checks that every command of its "computes" list has them.
/// </summary>
internal static class ComputeOptions
{
    public const string ThreadsName = "--threads";
    public const string DeviceName = "--device";

    private const string ThreadsHelp =
        "Intra-op CPU threads of libtorch or ONNX Runtime (0: every core; 1 avoids OpenMP stalls on a busy machine).";

    private const string DeviceHelp = "auto (CUDA when available), cpu or cuda.";

    public static Option<int> Threads() => new(ThreadsName)
    {
        Description = ThreadsHelp, DefaultValueFactory = _ => 0,
    };

    /// <summary>For train, whose unset options keep the --config file's (or a resumed run's) value.</summary>
    public static Option<int?> ThreadsOptional() => new(ThreadsName)
    {
        Description = $"{ThreadsHelp} {ChoiceOption.DefaultText("0")}",
    };

    public static ChoiceOption<DeviceChoice> Device() =>
        ChoiceOption.Create(DeviceName, DeviceHelp, DeviceChoice.Auto);

    /// <summary>For train, whose unset options keep the --config file's (or a resumed run's) value.</summary>
    public static Option<DeviceChoice?> DeviceOptional() =>
        ChoiceOption.CreateOptional<DeviceChoice>(DeviceName, $"{DeviceHelp} {ChoiceOption.DefaultText("auto")}");
}
