using System.CommandLine;
using ChestDx.Cli.Infrastructure;
using ChestDx.Core.Choices;
using ChestDx.Core.IO;
using ChestDx.Core.Models;
using ChestDx.Training.Import;
using Spectre.Console;

namespace ChestDx.Cli.Commands.Training;

/// <summary>
/// <c>chestdx import-model SRC [--format xrv|chexnet|jrzech|torchvision] --out MODEL</c>: an existing chest X-ray
/// DenseNet checkpoint → a ChestDx model file (Training.Import.ModelImport).
/// </summary>
internal static class ImportModelCommand
{
    public static Command Create(CliContext context)
    {
        var source = new Argument<string>("SRC")
        {
            Description = "The checkpoint: a PyTorch pickle (.pt, .pth, .pth.tar, any torch.save format) or a "
                + "state_dict in safetensors.",
        };
        var format = ChoiceOption.CreateOptional<ModelSourceFormat>("--format",
            "What SRC is: xrv (torchxrayvision), chexnet (arnoweng/zoogzog), jrzech (reproduce-chexnet) or "
            + "torchvision. [default: detected from its contents]");
        var output = new Option<string>("--out") { Description = "The model file to write.", Required = true };
        var weightsKey = ChoiceOption.CreateOptional<XrvWeightsKey>("--weights-key",
            "torchxrayvision weights whose published operating points to store. [default: from the released file's "
            + "name, else none]");
        var python = new Option<string?>("--python")
        {
            Description = "Python with PyTorch, for pickles. "
                + "[default: $CHESTDX_PYTHON, else python3, else /usr/bin/python3]",
        };
        var command = new Command("import-model",
            "Import a torchxrayvision, CheXNet or torchvision DenseNet checkpoint as a ChestDx model file.")
        {
            source, format, output, weightsKey, python,
        };
        context.SetHandler(command, (parse, _) =>
        {
            var request = new ModelImportRequest
            {
                Source = parse.GetValue(source)!, Output = parse.GetValue(output)!, Format = parse.GetValue(format),
                WeightsKey = parse.GetValue(weightsKey), Python = parse.GetValue(python),
            };
            using OutputLock writer = CliContext.LockFile(parse, request.Output);
            ModelImportOutcome outcome = ModelImport.Run(request);
            ModelPackage p = outcome.Package;
            context.Console.WriteLine($"{Choice<ModelSourceFormat>.Name(p.Source!.Format)} model "
                + $"({p.Classes.Count} classes, {p.ClassSetId}; {p.InputChannels} input channel(s), "
                + $"{Choice<InputScaling>.Name(p.InputScaling)} scaling"
                + (outcome.WeightsKey is { } k ? $", operating points of '{Choice<XrvWeightsKey>.Name(k)}'" : "")
                + $") → {outcome.Output}");
            foreach (string note in outcome.Notes) context.Console.WriteLine("note: " + note);
            return 0;
        });
        return command;
    }
}
