using ChestDx.Cli.Infrastructure;
using ChestDx.Core;
using ChestDx.Onnx.Inference;
using ChestDx.Training.Inference;
using ChestDx.Training.Settings;
using Spectre.Console;

namespace ChestDx.Cli.Commands.Training;

/// <summary>
/// <c>chestdx predict --engine onnxruntime</c>: the same request, run by <see cref="OnnxPredictionRun"/> (ONNX
/// Runtime's CPU build, no libtorch) on an ONNX file.
/// </summary>
internal static class OnnxPredict
{
    public static int Run(CliContext context, PredictionRequest request, CancellationToken cancel)
    {
        if (request.Device == DeviceChoice.Cuda)
            throw new ChestDxException("--device cuda needs --engine torchsharp: ChestDx ships ONNX Runtime's CPU "
                + "build (for CUDA, deploy Microsoft.ML.OnnxRuntime.Gpu.Linux instead: src/ChestDx.Onnx/README.md)");
        PredictOptions o = request.Options;
        OnnxPredictionOutcome outcome = OnnxPredictionRun.Run(new OnnxPredictionRequest
        {
            Model = request.Model, Inputs = request.Inputs, Split = request.Split, Output = request.Output,
            TenCrop = o.TenCrop, BatchSize = o.BatchSize, CamDirectory = o.CamDirectory, CamTop = o.CamTop,
            OperatingPoints = o.OperatingPoints, Calibrated = request.Calibrated, Threads = request.Threads,
            Pseudonyms = request.Pseudonyms,
        }, context.CreateProgress(), cancel);
        context.Console.WriteLine($"{outcome.Rows} predictions ({outcome.Classes.Count} classes"
            + $"{(outcome.TenCrop ? ", ten-crop" : "")}, ONNX Runtime) from {outcome.Model} → "
            + $"{StandardOutput.Shown(outcome.Output)}");
        if (outcome.CamDirectory is not null)
            context.Console.WriteLine($"{outcome.CamFiles} class activation maps → {outcome.CamDirectory}");
        return 0;
    }
}
