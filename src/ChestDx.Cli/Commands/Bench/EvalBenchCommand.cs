using System.CommandLine;
using ChestDx.Bench.Eval;
using ChestDx.Cli.Infrastructure;
using Spectre.Console;

namespace ChestDx.Cli.Commands.Bench;

/// <summary>
/// `chestdx bench eval`: AUROC, DeLong and the bootstrap evaluation of a synthetic NIH-test-sized set beside
/// scikit-learn (<see cref="EvalBench"/>); this verb parses the options and renders the table.
/// </summary>
internal static class EvalBenchCommand
{
    public static Command Create(CliContext context)
    {
        var images = new Option<int>("--images")
        {
            Description = "Synthetic images (NIH official test set: 25,596).", DefaultValueFactory = _ => 25_596,
        };
        var resamples = new Option<int>("--resamples")
        {
            Description = "Bootstrap resamples of the full evaluation.", DefaultValueFactory = _ => 10_000,
        };
        var repeats = new Option<int>("--repeats")
        {
            Description = "Timed repeats (medians are printed).", DefaultValueFactory = _ => 5,
        };
        var sklearnResamples = new Option<int>("--sklearn-resamples")
        {
            Description = "scikit-learn bootstrap resamples to time and extrapolate from.",
            DefaultValueFactory = _ => 200,
        };
        var python = new Option<string>("--python")
        {
            Description = "Python with numpy and scikit-learn (Debian: apt-get install python3-sklearn).",
            DefaultValueFactory = _ => "/usr/bin/python3",
        };
        var command = new Command("eval", "AUROC, DeLong and bootstrap CIs for 25,596 × 14, beside scikit-learn.")
        {
            images, resamples, repeats, sklearnResamples, python,
        };
        context.SetHandler(command, (parse, ct) =>
        {
            var settings = new EvalBenchSettings
            {
                Images = parse.GetValue(images), Resamples = parse.GetValue(resamples),
                Repeats = parse.GetValue(repeats),
                SklearnResamples = parse.GetValue(sklearnResamples), Python = parse.GetValue(python)!,
            };
            EvalBenchReport report = EvalBench.Run(settings, m => context.Console.MarkupLine(Markup.Escape(m)), ct);
            Render(context.Console, report);
            return 0;
        });
        return command;
    }

    private static void Render(IAnsiConsole console, EvalBenchReport r)
    {
        if (r.SklearnSkipped is { } skipped) console.MarkupLine($"[yellow]{Markup.Escape(skipped)}[/]");
        int b = r.Settings.Resamples;
        var table = new Table()
            .AddColumns("work", "chestdx median", "scikit-learn median", "ratio (sklearn / chestdx)");
        table.AddRow("AUROC, 14 classes", Seconds(r.AurocSeconds), r.Sklearn is { } a ? Seconds(a.AurocSeconds) : "n/a",
            r.AurocRatio is { } ar ? $"{ar:0.0}×" : "");
        table.AddRow("AUROC + DeLong CI, 14 classes", Seconds(r.DeLongSeconds), "—", "");
        string skBoot = r.SklearnBootstrapSeconds is { } sb
            ? Seconds(sb) + $" (extrapolated from {r.Settings.SklearnResamples})"
            : "n/a";
        table.AddRow(
            $"{b:N0} bootstrap resamples (AUROC only in sklearn; chestdx: every metric, ROC band, mean-AUROC CI)",
            Seconds(r.EvaluationSeconds), skBoot, r.BootstrapRatio is { } br ? $"{br:0}×" : "");
        console.Write(table);
    }

    private static string Seconds(double s) => s < 1 ? $"{s * 1000:0.0} ms" : $"{s:0.00} s";
}
