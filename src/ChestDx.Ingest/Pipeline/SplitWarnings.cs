using ChestDx.Core.Packs;
using ChestDx.Core.Progress;

namespace ChestDx.Ingest.Pipeline;

/// <summary>One warning line (stderr) for each split a later stage needs that the finished pack left empty: an
/// ingest that exits 0 with val 0 otherwise surfaces only when `chestdx train` refuses it.</summary>
internal static class SplitWarnings
{
    public static void Warn(string output, PackInfo info, IProgressSink progress)
    {
        foreach ((string split, string neededBy, string fix) in EmptySplits.Of(info))
            progress.Warn($"{output}: split '{split}' has no images, and `{neededBy}` needs it: {fix}");
    }
}
