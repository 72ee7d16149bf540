using System.Globalization;

namespace ChestDx.Core.Packs;

/// <summary>
/// The conventional splits a later stage needs (`train` reads train and val, `evaluate` scores test) that a pack's
/// split method should have filled but did not, and the option that fixes each. Ingestion warns with it and training
/// explains its refusal with the same words: NIH's official split lists only train_val and test, so val exists only
/// through --val-fraction, and on a small sample the default 0.1 can move no patient at all.
/// </summary>
public static class EmptySplits
{
    /// <summary>Each of train, val and test that has no image although the split method makes it, with the stage
    /// that needs it and the fix; none for an empty pack, a shard (a slice may lack a split) or `--split none`.
    /// </summary>
    public static IEnumerable<(string Split, string NeededBy, string Fix)> Of(PackInfo info)
    {
        SplitMethod method = info.Settings?.Split.Method ?? SplitMethod.None;
        if (info.Count == 0 || info.Shard is not null || method is SplitMethod.None or SplitMethod.Auto) yield break;
        foreach ((string split, string neededBy) in new[]
                 {
                     (PackFormat.Train, "chestdx train"), (PackFormat.Val, "chestdx train"),
                     (PackFormat.Test, "chestdx predict --split test and evaluate"),
                 })
            if (info.Splits.GetValueOrDefault(split)?.Images is null or 0)
                yield return (split, neededBy, Fix(info, split));
    }

    /// <summary>How to re-ingest so that <paramref name="split"/> holds images.</summary>
    public static string Fix(PackInfo info, string split)
    {
        SplitSettings? s = info.Settings?.Split;
        string val = (s?.ValFraction ?? 0.1).ToString(CultureInfo.InvariantCulture);
        return (s?.Method, split) switch
        {
            (SplitMethod.Official or SplitMethod.Random, PackFormat.Val) =>
                $"re-ingest with a larger --val-fraction (this pack used {val}; e.g. --val-fraction 0.2), "
                + "which moves that fraction of the training patients to val",
            (SplitMethod.Official or SplitMethod.Random, PackFormat.Train) =>
                $"re-ingest with a smaller --val-fraction (this pack used {val}) or with more images",
            (SplitMethod.Official, PackFormat.Test) =>
                "none of the images is on NIH's test_list.txt: ingest images from the test list too",
            (SplitMethod.Random, PackFormat.Test) =>
                "too few patients for --split random's test share: ingest more images",
            (SplitMethod.File, _) => $"the split file names no image '{split}': add rows for it",
            _ => "re-ingest with --split official (NIH labels), random or file:PATH",
        };
    }
}
