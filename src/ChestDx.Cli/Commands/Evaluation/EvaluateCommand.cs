using System.CommandLine;
using ChestDx.Cli.Infrastructure;
using ChestDx.Core.IO;
using ChestDx.Core.Labels;
using ChestDx.Core.Predictions;
using ChestDx.Evaluation.Bootstrap;
using ChestDx.Evaluation.Pipeline;
using ChestDx.Evaluation.Inputs;
using ChestDx.Evaluation.Reports;
using ChestDx.Evaluation.Runs;
using ChestDx.Evaluation.Subgroups;
using ChestDx.Evaluation.Thresholds;
using Spectre.Console;

namespace ChestDx.Cli.Commands.Evaluation;

/// <summary>
/// `chestdx evaluate`: predictions + labels → metrics.json, per_class.csv, thresholds.csv, report.md, report.html.
/// </summary>
internal static class EvaluateCommand
{
    public static Command Create(CliContext context)
    {
        var predictions = new Option<string>("--predictions")
        {
            Description = "Predictions CSV: id column, then one probability column per class (a prob_ prefix is "
                + "accepted; see --scores).",
            Required = true,
        };
        var labels = new Option<string>("--labels")
        {
            Description = "Labels: a CSV (id + 1/0/blank per class), NIH Data_Entry_2017[_v2020].csv[.gz], Google's "
                + "expert labels, NIH's BBox list, or the dataset pack the predictions were made on (its ids are "
                + "pseudonyms under a site key).",
            Required = true,
        };
        var output = new Option<string>("--out") { Description = "Output directory.", Required = true };
        var scores = ChoiceOption.Create("--scores",
            "What the prediction columns hold: probabilities in [0, 1] (a value outside is an error) or logits "
            + "(the sigmoid is applied).",
            ScoreScale.Probabilities);
        var valPredictions = new Option<string?>("--val-predictions")
        {
            Description = "Validation predictions to choose max-f1/youden/sensitivity thresholds on.",
        };
        var valLabels = new Option<string?>("--val-labels")
        {
            Description = "Labels of the validation predictions (any supported format).",
        };
        var policy = ChoiceOption.Parsed("--threshold-policy", "fixed:T, max-f1, youden or sensitivity:S.",
            ThresholdPolicy.Parse, "fixed:0.5");
        var bootstrap = new Option<int>("--bootstrap")
        {
            Description = "Bootstrap resamples (0: DeLong intervals only).", DefaultValueFactory = _ => 10_000,
        };
        var seed = new Option<ulong>("--seed") { Description = "Bootstrap seed.", DefaultValueFactory = _ => 0UL };
        var classes = new Option<string[]>("--classes")
        {
            Description = "Evaluate only these classes [default: every class on both sides]",
            AllowMultipleArgumentsPerToken = true,
        };
        var idMatch = ChoiceOption.CreateOptional<IdMatch>("--id-match",
            "exact | predictions | labels [default: exact for a labels CSV, predictions for Data_Entry, labels for "
            + "reference subsets]");
        var subset = new Option<string?>("--label-set")
        {
            Description = "Google expert labels only: keep rows whose Set Id is this (test or val).",
        };
        var compare = new Option<string?>("--compare-predictions")
        {
            Description = "A second model's predictions on the same images: paired DeLong test and bootstrap CI of "
                + "the AUROC difference.",
        };
        var subgroups = ChoiceOption.Parsed<IReadOnlyList<SubgroupAttribute>>("--subgroups",
            "Subgroup analysis by any of sex,age,view,site (comma-separated): per subgroup and class AUROC, "
            + "sensitivity, specificity, FPR, underdiagnosis rate, differences to all with patient-level "
            + "bootstrap CIs.",
            SubgroupOptions.ParseAttributes);
        var subgroupFile = new Option<string?>("--subgroup-file")
        {
            Description = "CSV of image metadata keyed by image id (columns among patient_id, sex, age, view, site); "
                + "adds to or overrides the manifest of --labels PACK.",
        };
        var trainPack = new Option<string?>("--train-pack")
        {
            Description = "External validation: the pack the model was trained on; the report opens with its "
                + "dataset-shift audit against --labels PACK (views, sex, age, grey levels, prevalence per shared "
                + "class).",
        };
        var readers = new Option<string[]>("--readers")
        {
            Description = "Reader label files whose operating points are drawn on the ROC curves.",
            AllowMultipleArgumentsPerToken = true,
        };
        var calibration = new Option<string?>("--calibration")
        {
            Description = "A model file with a fitted calibration (chestdx calibrate): report ECE, Brier and log "
                          + "loss before and after applying it to the predictions.",
        };

        var command = new Command("evaluate",
            "Evaluate predictions against labels: per-class AUROC with CIs, AP, thresholded metrics, "
            + "calibration, reports.")
        {
            predictions, labels, output, scores, valPredictions, valLabels, policy, bootstrap, seed, classes, idMatch,
            subset, compare, readers, subgroups, subgroupFile, trainPack, calibration,
        };
        context.SetHandler(command, (parse, ct) =>
        {
            ScoreScale scale = scores.Get(parse);
            // Claim the output folder before reading inputs and bootstrapping for minutes (the run probes it writable).
            string outDir = parse.GetValue(output)!;
            using OutputLock writer = CliContext.LockDirectory(parse, outDir);
            var request = new EvaluationRequest
            {
                Predictions = parse.GetValue(predictions)!,
                Labels = parse.GetValue(labels)!,
                Output = outDir,
                Scale = scale,
                LabelOptions = new LabelReadOptions { Subset = parse.GetValue(subset) },
                Match = parse.GetValue(idMatch),
                Classes = parse.GetValue(classes) is { Length: > 0 } c ? c : null,
                ValidationPredictions = parse.GetValue(valPredictions),
                ValidationLabels = parse.GetValue(valLabels),
                ComparePredictions = parse.GetValue(compare),
                Readers = parse.GetValue(readers) ?? [],
                Subgroups = parse.GetValue(subgroups) ?? [],
                SubgroupFile = parse.GetValue(subgroupFile),
                TrainPack = parse.GetValue(trainPack),
                Calibration = parse.GetValue(calibration),
                CommandLine = RecordedCommandLine.Of(parse),
                Clock = context.Time,
                Options = new EvaluationOptions
                {
                    Threshold = parse.GetValue(policy)!,
                    Bootstrap = new BootstrapOptions
                    {
                        Resamples = parse.GetValue(bootstrap), Seed = parse.GetValue(seed),
                    },
                },
            };

            var progress = context.CreateProgress();
            EvaluationOutcome outcome = EvaluationRun.Run(request, progress, ct);
            EvaluationResult result = outcome.Result;

            context.Console.Write(PerClassTable(result));
            foreach (string note in result.Notes) progress.Warn(note);
            if (result.Data.JoinSummary.NotEvaluated() is { } notEvaluated)
                context.Console.MarkupLine($"Not evaluated: {Markup.Escape(notEvaluated)}");
            context.Console.MarkupLine(
                $"Mean AUROC {Markup.Escape(Format.WithCi(result.MeanAuroc.Value, result.MacroBootstrap?.MeanAuroc))}"
                + $" over {result.MeanAuroc.Classes} classes.");
            if (outcome.Subgroups is { } analysis) SubgroupSummary(context, analysis);
            if (outcome.Audit is { } audit)
                context.Console.MarkupLine(Markup.Escape(
                    $"External validation: {audit.Matched.Count(m => m.Evaluated)} shared classes evaluated; "
                    + $"dataset-shift audit of {audit.Train.Path} vs {audit.Evaluation.Path} opens report.md."));
            context.Console.MarkupLine(
                $"Wrote {Markup.Escape(string.Join(", ", outcome.Files))} to {Markup.Escape(outcome.Directory)}");
            return 0;
        });
        return command;
    }

    private static void SubgroupSummary(CliContext context, SubgroupAnalysisResult s)
    {
        var table = new Table().AddColumns("Attribute", "Group", "With a finding", "Underdiagnosis", "Δ to all (CI)");
        foreach (UnderdiagnosisRate u in s.UnderdiagnosisRates)
            table.AddRow(Markup.Escape(u.Attribute), Markup.Escape(u.Group), u.WithFinding.ToString(),
                Markup.Escape(u.TooSmall is { } why ? $"too small ({why})" : Format.Num(u.Rate)),
                Markup.Escape(u.Difference is { } d ? Format.WithCi(d.Value, d.Ci) : Format.Undefined));
        context.Console.Write(table);
        if (s.Underdiagnosis.UndefinedReason is { } reason)
            context.Console.MarkupLine($"Underdiagnosis not computed: {Markup.Escape(reason)}");
    }

    private static Table PerClassTable(EvaluationResult r)
    {
        bool boot = r.Options.Bootstrap.Resamples > 0;
        var table = new Table()
            .AddColumns("Class", "n", "Pos", "AUROC (95% CI)", "AP", "Thr", "Sens", "Spec", "PPV", "F1");
        foreach (var c in r.Classes)
        {
            string auroc = c.UndefinedReason is { } why ? $"undefined ({why})"
                : boot ? Format.WithCi(c.Auroc, c.Bootstrap?.Auroc)
                : Format.WithCi(c.Auroc, c.DeLong?.CiLow, c.DeLong?.CiHigh);
            table.AddRow(Markup.Escape(c.Name), c.N.ToString(), c.Positives.ToString(), Markup.Escape(auroc),
                Format.Num(c.AveragePrecision), Format.Num(c.Threshold), Format.Num(c.Counts?.Sensitivity),
                Format.Num(c.Counts?.Specificity), Format.Num(c.Counts?.Precision), Format.Num(c.Counts?.F1));
        }
        return table;
    }
}
