using System.Text.RegularExpressions;
using ChestDx.Core.Packs;
using Spectre.Console;

namespace ChestDx.Cli.Commands.Ingest;

/// <summary>The summary tables `ingest`, `pack merge` and `pack verify` print:
/// images per split, rejections by reason.</summary>
internal static partial class PackTables
{
    public static void Render(IAnsiConsole console, string directory, PackInfo info,
        IReadOnlyList<RejectedInput> rejected)
    {
        // The headline is a plain line: as the table's title Spectre wrapped it at the table's width.
        WriteLine(console,
            $"{directory}: {info.Count} images of {info.ImageSize}×{info.ImageSize}, {info.Rejected} rejected");
        var splits = new Table()
            .AddColumn("split").AddColumn(new TableColumn("images").RightAligned())
            .AddColumn(new TableColumn("patients").RightAligned())
            .AddColumn("most prevalent labels");
        foreach ((string name, SplitSummary s) in info.Splits)
        {
            string top = string.Join(", ", s.Prevalence.Where(p => p.Value is > 0).OrderByDescending(p => p.Value)
                .Take(3).Select(p => $"{p.Key} {p.Value:P1}"));
            splits.AddRow(Markup.Escape(name), s.Images.ToString(), s.Patients.ToString(),
                Markup.Escape(top.Length > 0 ? top : "-"));
        }
        console.Write(splits);
        if (info.LabelsWithoutImage is > 0 and var missing)
            WriteLine(console, $"{missing} labels rows without an image: not inputs, listed in "
                               + PackFormat.LabelsWithoutImageFile);
        if (rejected.Count == 0) return;

        // Reasons that differ only in names and numbers are one kind, so 10,000 truncated files read as one line;
        // each kind shows one reason whole, written past the console width rather than cut or wrapped (a cut
        // reason, "labels row for", once hid what was wrong).
        var kinds = rejected.GroupBy(r => Kind(r.Reason)).OrderByDescending(g => g.Count()).ToList();
        WriteLine(console, $"rejected inputs (all listed in {PackFormat.RejectedFile}):");
        foreach (var kind in kinds.Take(MaxKinds))
        {
            RejectedInput example = kind.First();
            WriteLine(console, $"{kind.Count(),8}  {example.Reason}  (e.g. {example.Source})");
        }
        if (kinds.Count > MaxKinds)
            WriteLine(console,
                $"{"",8}  and {kinds.Count - MaxKinds} more kinds of reason, in {PackFormat.RejectedFile}");
    }

    private const int MaxKinds = 12;

    /// <summary>Plain text straight to the console's writer: Spectre would wrap or crop it at the console width, and
    /// these lines are read whole and copied.</summary>
    private static void WriteLine(IAnsiConsole console, string text) => console.Profile.Out.Writer.WriteLine(text);

    /// <summary>
    /// One line on patient disjointness (<see cref="PatientDisjointness"/>): "verified" only when every image has a
    /// patient id, otherwise "assumed" or "not verifiable" in yellow, so a pack without patient ids never reads as
    /// leak-free. The "patients" column above counts each image without an id as its own patient.
    /// </summary>
    public static void RenderDisjointness(IAnsiConsole console, string directory, PackInfo info)
    {
        if (info.Count == 0) return;
        using DatasetPack pack = DatasetPack.Open(directory);
        PatientDisjointness d = PatientDisjointness.Of(info, pack.Entries);
        console.MarkupLine(d.Verified ? Markup.Escape(d.Text) : $"[yellow]{Markup.Escape(d.Text)}[/]");
    }

    /// <summary>A reason with its quoted names and its numbers masked: the kind of reason it is.</summary>
    private static string Kind(string reason) => QuotedOrNumber().Replace(reason, "#");

    [GeneratedRegex(@"'[^']*'|[0-9a-f]{32}|\d+")]
    private static partial Regex QuotedOrNumber();
}
