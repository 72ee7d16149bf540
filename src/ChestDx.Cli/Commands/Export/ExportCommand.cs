using System.CommandLine;
using ChestDx.Cli.Infrastructure;
using ChestDx.Core.IO;
using ChestDx.Onnx.Export;
using Spectre.Console;

namespace ChestDx.Cli.Commands.Export;

/// <summary>
/// <c>chestdx export MODEL --out FILE.onnx</c>: a ChestDx model file as an ONNX model (<see cref="OnnxExport"/>) for
/// ONNX Runtime and other ONNX tools; this verb parses and renders.
/// </summary>
internal static class ExportCommand
{
    public static Command Create(CliContext context)
    {
        var model = new Argument<string>("MODEL") { Description = "A ChestDx model file (model.safetensors)." };
        // --out names what a command creates (docs/cli.md); --onnx, the first spelling, stays as an alias.
        var onnx = new Option<string>("--out", "--onnx")
        {
            Description = "ONNX file to write (opset 13, dynamic batch, outputs logits and features).",
            Required = true,
        };
        var command = new Command("export", "Write a model in another format: ONNX for ONNX Runtime.") { model, onnx };
        context.SetHandler(command, (parse, _) =>
        {
            string output = parse.GetValue(onnx)!;
            using OutputLock writer = CliContext.LockFile(parse, output);
            OnnxExportOutcome outcome = OnnxExport.Run(parse.GetValue(model)!, output, context.CreateProgress());
            context.Console.WriteLine($"{outcome.Package.Classes.Count} classes, {outcome.Package.InputChannels} "
                + $"input channel(s), {outcome.Nodes} ONNX nodes, opset {outcome.Opset}, {outcome.Bytes:N0} bytes "
                + $"→ {outcome.Output}");
            return 0;
        });
        return command;
    }
}
