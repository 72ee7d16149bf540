using System.Globalization;
using System.Text;
using ChestDx.Core.IO;

namespace ChestDx.Training.Runs;

/// <summary>
/// RUN/metrics.csv, rewritten atomically after every epoch from the run's history (which the checkpoint carries, so a
/// resumed run's file equals an uninterrupted run's). Numbers use the invariant culture and round-trip ("R").
/// Columns: epoch, lr, train_loss, val_loss, val_mean_auroc, val_auroc_&lt;class&gt;…, train_val_gap, seconds,
/// train_images_per_s, best. Undefined AUROCs are empty cells.
/// </summary>
public static class MetricsCsv
{
    public static string Header(IReadOnlyList<string> classes) =>
        "epoch,lr,train_loss,val_loss,val_mean_auroc," + string.Concat(classes.Select(c => $"val_auroc_{c},"))
        + "train_val_gap,seconds,train_images_per_s,best";

    public static void Write(string path, IReadOnlyList<string> classes, IEnumerable<EpochMetrics> history)
    {
        var sb = new StringBuilder().Append(Header(classes)).Append('\n');
        foreach (EpochMetrics m in history)
        {
            sb.Append(m.Epoch.ToString(CultureInfo.InvariantCulture)).Append(',')
              .Append(F(m.LearningRate)).Append(',')
              .Append(F(m.TrainLoss)).Append(',')
              .Append(F(m.ValLoss)).Append(',')
              .Append(F(m.ValMeanAuroc)).Append(',');
            foreach (double? a in m.ValAuroc) sb.Append(F(a)).Append(',');
            sb.Append(F(m.Gap)).Append(',')
              .Append(m.Seconds.ToString("0.###", CultureInfo.InvariantCulture)).Append(',')
              .Append(m.TrainImagesPerSecond.ToString("0.##", CultureInfo.InvariantCulture)).Append(',')
              .Append(m.IsBest ? "1" : "0").Append('\n');
        }
        AtomicFile.WriteAllText(path, sb.ToString());
    }

    private static string F(double? v) => v is { } x ? x.ToString("R", CultureInfo.InvariantCulture) : "";
}
