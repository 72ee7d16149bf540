using ChestDx.Core.Packs;
using Spectre.Console;

namespace ChestDx.Cli.Commands.Ingest;

/// <summary>The summary tables `ingest`, `pack merge` and `pack verify` print:
/// images per split, rejections by reason.</summary>
internal static class PackTables
{
    public static void Render(IAnsiConsole console, string directory, PackInfo info,
        IReadOnlyList<RejectedInput> rejected)
    {
        var splits = new Table()
            .Title(Markup.Escape(
                $"{directory}: {info.Count} images of {info.ImageSize}×{info.ImageSize}, {info.Rejected} rejected"))
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
        if (rejected.Count == 0) return;

        // Group reasons by their first clause so 10,000 truncated files read as one line.
        var reasons = new Table().Title("rejected inputs (all listed in rejected.csv)")
            .AddColumn(new TableColumn("count").RightAligned()).AddColumn("reason").AddColumn("example");
        foreach (var group in rejected.GroupBy(r => Clause(r.Reason)).OrderByDescending(g => g.Count()).Take(12))
            reasons.AddRow(group.Count().ToString(), Markup.Escape(group.Key), Markup.Escape(group.First().Source));
        console.Write(reasons);
    }

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

    private static string Clause(string reason)
    {
        int cut = reason.IndexOfAny([':', '(', '\'']);
        return (cut > 0 ? reason[..cut] : reason).Trim();
    }
}
