using System.CommandLine;
using ChestDx.Cli.Infrastructure;
using ChestDx.Core.Predictions;
using ChestDx.Evaluation.Bootstrap;
using ChestDx.Evaluation.Readers;
using ChestDx.Evaluation.Reports;
using ChestDx.Evaluation.Runs;
using Spectre.Console;

namespace ChestDx.Cli.Commands.Evaluation;

/// <summary>`chestdx readers`: radiologists (and optionally the model)
/// against a reference and against each other.</summary>
internal static class ReadersCommand
{
    public static Command Create(CliContext context)
    {
        var readers = new Option<string[]>("--readers")
        {
            Description = "One CSV per reader (id + 1/0/blank per class), or CSVs with a 'reader' column.",
            Required = true, AllowMultipleArgumentsPerToken = true,
        };
        var reference = new Option<string>("--reference")
        {
            Description = "A labels file (any supported format), or 'majority' for the majority vote of --majority-of.",
            Required = true,
        };
        var majorityOf = new Option<string[]>("--majority-of")
        {
            Description = "Readers whose majority is the reference [default: all readers]",
            AllowMultipleArgumentsPerToken = true,
        };
        var ties = ChoiceOption.Create(
            "--ties", "What an even split in a majority vote counts as.", MajorityTie.Negative);
        var predictions = new Option<string?>("--predictions")
        {
            Description = "The model's predictions on the study images.",
        };
        var scores = ChoiceOption.Create("--scores",
            "What the prediction columns hold: probabilities in [0, 1] (a value outside is an error) or logits " +
            "(the sigmoid is applied).", ScoreScale.Probabilities);
        var thresholds = new Option<string>("--thresholds")
        {
            Description = "fixed:T, thresholds.csv from `chestdx evaluate`, or max-f1|youden|sensitivity:S with " +
                          "--val-predictions/--val-labels.",
            DefaultValueFactory = _ => "fixed:0.5",
        };
        var valPredictions = new Option<string?>("--val-predictions")
        {
            Description = "Validation predictions to choose the model's thresholds on.",
        };
        var valLabels = new Option<string?>("--val-labels") { Description = "Labels of the validation predictions." };
        var classes = new Option<string[]>("--classes")
        {
            Description = "Only these classes.", AllowMultipleArgumentsPerToken = true,
        };
        var bootstrap = new Option<int>("--bootstrap")
        {
            Description = "Bootstrap resamples (0: none).", DefaultValueFactory = _ => 10_000,
        };
        var seed = new Option<ulong>("--seed") { Description = "Bootstrap seed.", DefaultValueFactory = _ => 0UL };
        var output = new Option<string>("--out") { Description = "Output directory.", Required = true };

        var command = new Command("readers",
            "Reader study: F1, sensitivity, specificity, precision, kappa per reader and the model; " +
            "the CheXNet protocol with bootstrap CIs.")
        {
            readers, reference, majorityOf, ties, predictions, scores, thresholds, valPredictions, valLabels, classes,
            bootstrap, seed, output,
        };
        context.SetHandler(command, (parse, ct) =>
        {
            string referenceArg = parse.GetValue(reference)!;
            var request = new ReaderStudyRequest
            {
                Readers = parse.GetValue(readers)!,
                Reference = referenceArg.Equals("majority", StringComparison.OrdinalIgnoreCase) ? null : referenceArg,
                Classes = parse.GetValue(classes) is { Length: > 0 } c ? c : null,
                Options = new ReaderStudyOptions
                {
                    MajorityOf = parse.GetValue(majorityOf) is { Length: > 0 } m ? m : null,
                    Ties = ties.Get(parse),
                    Bootstrap = new BootstrapOptions
                    {
                        Resamples = parse.GetValue(bootstrap), Seed = parse.GetValue(seed),
                    },
                },
                Predictions = parse.GetValue(predictions),
                Scale = scores.Get(parse),
                Thresholds = parse.GetValue(thresholds)!,
                ValidationPredictions = parse.GetValue(valPredictions),
                ValidationLabels = parse.GetValue(valLabels),
                Output = parse.GetValue(output)!,
            };
            var progress = context.CreateProgress();
            ReaderStudyOutcome outcome = ReaderStudyRun.Run(request, progress, ct);
            ReaderStudyResult result = outcome.Result;

            var grid = new Table().AddColumns("Class", "Rater", "F1 vs reference (95% CI)", "Sens", "Spec", "κ",
                "F1 vs others (CheXNet)");
            foreach (ClassReaderStudy cls in result.Classes)
            {
                foreach (RaterScore s in cls.VersusReference)
                {
                    RaterScore? proto = cls.Protocol?.Readers.FirstOrDefault(x => x.Name == s.Name && !s.IsModel);
                    string protoText = s.IsModel
                        ? Format.WithCi(cls.Protocol?.ModelMeanF1, cls.Protocol?.ModelMeanCi)
                        : Format.WithCi(proto?.F1, proto?.F1Ci);
                    grid.AddRow(Markup.Escape(cls.Class), Markup.Escape(s.Name),
                        Markup.Escape(Format.WithCi(s.F1, s.F1Ci)), Format.Num(s.Sensitivity),
                        Format.Num(s.Specificity), Format.Num(s.Kappa), Markup.Escape(protoText));
                }
                if (cls.Protocol is { Difference: not null } pr)
                    grid.AddRow(Markup.Escape(cls.Class), "model − readers", "", "", "", "",
                        Markup.Escape(Format.WithCi(pr.Difference, pr.DifferenceCi)));
            }
            context.Console.Write(grid);
            foreach (string note in result.Notes) progress.Warn(note);
            context.Console.MarkupLine(
                $"Wrote {Markup.Escape(string.Join(", ", outcome.Files))} to {Markup.Escape(outcome.Directory)}");
            return 0;
        });
        return command;
    }
}
