using System.CommandLine;
using ChestDx.Cli.Infrastructure;
using ChestDx.Core.Choices;
using ChestDx.Core.IO;
using ChestDx.Core.Models;
using ChestDx.Core.Predictions;
using ChestDx.Evaluation.Inputs;
using ChestDx.Evaluation.Recalibration;
using ChestDx.Evaluation.Reports;
using ChestDx.Evaluation.Runs;
using Spectre.Console;

namespace ChestDx.Cli.Commands.Evaluation;

/// <summary>
/// <c>chestdx calibrate --model MODEL --predictions VAL.csv --labels PACK --out CALIBRATED</c>: per-class temperature
/// (or Platt) scaling fitted on validation predictions, stored in the model file (Evaluation.Runs.CalibrationRun).
/// Writing a copy is the default (<c>--in-place</c> to rewrite the model), so a file whose checksum is recorded
/// elsewhere (a run's model card, an export) never changes under it.
/// </summary>
internal static class CalibrateCommand
{
    public static Command Create(CliContext context)
    {
        var model = new Option<string>("--model")
        {
            Description = "The model file (model.safetensors) to calibrate.", Required = true,
        };
        var predictions = new Option<string>("--predictions")
        {
            Description = "The model's predictions on validation images (chestdx predict --split val), not on the "
                          + "test images it will be judged on.",
            Required = true,
        };
        var labels = new Option<string>("--labels")
        {
            Description = "Their labels: the dataset pack, or any labels file evaluate reads. Unknown labels are "
                          + "left out of that class's fit.",
            Required = true,
        };
        var method = ChoiceOption.Create("--method",
            "temperature (one T per class, p = σ(z/T)) or platt (p = σ(a·z + b)), fitted by minimising log loss.",
            CalibrationMethod.Temperature);
        var output = new Option<string?>("--out") { Description = "Write the calibrated model here (a copy)." };
        var inPlace = new Option<bool>("--in-place")
        {
            Description = "Rewrite --model itself instead of writing a copy (its tensors are kept byte for byte).",
        };
        var scores = ChoiceOption.Create("--scores", "What the prediction columns hold: probabilities in [0, 1] or "
                                                     + "logits (the sigmoid is applied).", ScoreScale.Probabilities);
        var idMatch = ChoiceOption.CreateOptional<IdMatch>("--id-match",
            "exact | predictions | labels [default: predictions for a pack or Data_Entry, exact for a labels CSV]");

        var command = new Command("calibrate",
            "Fit per-class temperature or Platt scaling on validation predictions and store it in the model file.")
        {
            model, predictions, labels, method, output, inPlace, scores, idMatch,
        };
        context.SetHandler(command, (parse, _) =>
        {
            var request = new CalibrationRequest
            {
                Model = parse.GetValue(model)!,
                Predictions = parse.GetValue(predictions)!,
                Labels = parse.GetValue(labels)!,
                Method = method.Get(parse),
                Output = parse.GetValue(output),
                InPlace = parse.GetValue(inPlace),
                Scale = scores.Get(parse),
                Match = parse.GetValue(idMatch),
            };
            request.Validate();
            using OutputLock writer = CliContext.LockFile(parse, request.Target);
            CalibrationOutcome outcome = CalibrationRun.Run(request);

            context.Console.Write(FitTable(outcome.Fits));
            foreach (string note in outcome.Notes) context.Console.MarkupLine($"[yellow]{Markup.Escape(note)}[/]");
            if (outcome.Replaced is { Count: > 0 } replaced)
                context.Console.MarkupLine(Markup.Escape($"Replaced the model's earlier calibration "
                    + $"({Choice<CalibrationMethod>.Name(replaced[0].Method)}, {replaced.Count} classes)."));
            int fitted = outcome.Fits.Count(f => f.Fitted is not null);
            context.Console.MarkupLine(Markup.Escape(
                $"Calibrated {fitted} of {outcome.Fits.Count} classes → {outcome.Written}"));
            return 0;
        });
        return command;
    }

    private static Table FitTable(IReadOnlyList<ClassFit> fits)
    {
        var table = new Table().AddColumns("Class", "n", "Pos", "Unknown", "Fit", "Log loss before", "after");
        foreach (ClassFit f in fits)
        {
            string fit = f.Fitted switch
            {
                null => $"not calibrated: {f.Reason}",
                { Method: CalibrationMethod.Temperature } k => $"T = {Format.Num(1 / k.Slope, 4)}",
                var k => $"a = {Format.Num(k.Slope, 4)}, b = {Format.Num(k.Intercept, 4)}",
            };
            table.AddRow(Markup.Escape(f.Class), f.N.ToString(), f.Positives.ToString(), f.Unknown.ToString(),
                Markup.Escape(fit), Format.Num(f.LogLossBefore, 4), Format.Num(f.LogLossAfter, 4));
        }
        return table;
    }
}
