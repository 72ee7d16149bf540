using ChestDx.Core;
using ChestDx.Core.Labels;

namespace ChestDx.Evaluation.Inputs;

/// <summary>
/// Reads reference labels: a dataset pack (its manifest.csv, <see cref="PackLabels"/>) or any labels file through
/// Core's one labels reader (<see cref="LabelFile"/>: NIH Data_Entry, Google's expert labels, NIH's BBox list or a
/// generic CSV; plain, .gz or single-file .zip), with the file's own classes and, for a generic CSV without an
/// image-id column, the first column as the id. Ids must be unique.
/// </summary>
public static class LabelReader
{
    public static ReferenceLabels Read(string path, LabelReadOptions? options = null)
    {
        options ??= new LabelReadOptions();
        if (PackLabels.IsPack(path))
        {
            if (options.Subset is not null)
                throw ChestDxException.ForFile(path,
                    $"a subset (\"{options.Subset}\") applies only to Google's expert labels");
            return PackLabels.Read(path);
        }
        return Checked(LabelFile.Read(path, ForEvaluation(options)));
    }

    /// <summary>
    /// Labels CSV text held in memory (one reader's rows of a long reader file); <paramref name="name"/> names it in
    /// errors.
    /// </summary>
    public static ReferenceLabels Read(string name, byte[] bytes) =>
        Checked(LabelFile.Read(name, bytes, ForEvaluation(new LabelReadOptions())));

    private static LabelReadOptions ForEvaluation(LabelReadOptions options) =>
        options with { Classes = LabelClassChoice.FromFile, FirstColumnIsId = true };

    private static ReferenceLabels Checked(LabelTable table)
    {
        ReferenceLabels labels = ReferenceLabels.From(table);
        IdChecks.RequireUnique(table.Path, labels.Ids);
        return labels;
    }
}
