using ChestDx.Core;
using ChestDx.Evaluation.Inputs;
using ChestDx.Evaluation.Reports;

namespace ChestDx.Evaluation.Readers;

/// <summary>Readers' operating points against an evaluation's own labels, for drawing on its ROC curves.</summary>
public static class ReaderPoints
{
    /// <summary>
    /// The readers must have labelled exactly the evaluated images, so points and curve describe the same cases.
    /// </summary>
    public static IReadOnlyList<OperatingPoint> Against(EvaluationSet test, IReadOnlyList<string> readerFiles)
    {
        var (ids, readers) = ReaderFiles.Read(readerFiles);
        var evaluated = new HashSet<string>(test.Ids, StringComparer.Ordinal);
        var extra = ids.Where(id => !evaluated.Contains(id)).ToList();
        if (extra.Count > 0 || ids.Count != test.Ids.Count)
            throw ChestDxException.ForFile(readerFiles[0],
                $"the readers labelled {ids.Count} images but {test.Ids.Count}"
                + $" were evaluated; reader points need the same images"
                + (extra.Count > 0 ? $" (not evaluated: {IdChecks.Few(extra)})" : ""));
        var row = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < ids.Count; i++) row[ids[i]] = i;
        var points = new List<OperatingPoint>();
        for (int c = 0; c < test.Classes.Count; c++)
        {
            sbyte[] truth = new sbyte[ids.Count];
            for (int i = 0; i < test.Ids.Count; i++) truth[row[test.Ids[i]]] = test.Labels[c][i];
            foreach (ReaderRatings r in readers)
            {
                int k = r.IndexOfClass(test.Classes[c]);
                if (k >= 0)
                    points.Add(new OperatingPoint(r.Name, test.Classes[c], ReaderStudy.CountsOf(r.Calls[k], truth)));
            }
        }
        return points;
    }
}
