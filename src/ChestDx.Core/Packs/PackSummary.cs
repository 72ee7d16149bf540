namespace ChestDx.Core.Packs;

/// <summary>Per-split counts and label prevalence, computed from manifest rows (what pack.json's
/// "splits" holds).</summary>
public static class PackSummary
{
    /// <summary>
    /// Splits in ordinal name order so pack.json is stable. Prevalence = positives / labelled, null when no image of
    /// the split has a known label for the class: an unknown label is excluded, never counted as negative.
    /// </summary>
    public static IReadOnlyDictionary<string, SplitSummary> Compute(IEnumerable<PackEntry> entries,
        IReadOnlyList<string> classes)
    {
        var acc = new SortedDictionary<string, Accumulator>(StringComparer.Ordinal);
        foreach (PackEntry e in entries)
        {
            if (!acc.TryGetValue(e.Split, out Accumulator? a)) acc[e.Split] = a = new Accumulator(classes.Count);
            a.Add(e);
        }
        var result = new SortedDictionary<string, SplitSummary>(StringComparer.Ordinal);
        foreach ((string split, Accumulator a) in acc) result[split] = a.ToSummary(classes);
        return result;
    }

    private sealed class Accumulator(int classes)
    {
        private readonly int[] _positives = new int[classes];
        private readonly int[] _labelled = new int[classes];
        private readonly HashSet<string> _patients = new(StringComparer.Ordinal);
        private int _images;
        private int _unknownPatients;

        public void Add(PackEntry e)
        {
            _images++;
            // An image without a patient id counts as its own patient.
            if (e.PatientId.Length == 0) _unknownPatients++;
            else _patients.Add(e.PatientId);
            for (int c = 0; c < _positives.Length; c++)
            {
                float v = e.Labels[c];
                if (float.IsNaN(v)) continue;
                _labelled[c]++;
                if (v == 1f) _positives[c]++;
            }
        }

        public SplitSummary ToSummary(IReadOnlyList<string> classes)
        {
            var positives = new Dictionary<string, int>();
            var labelled = new Dictionary<string, int>();
            var prevalence = new Dictionary<string, double?>();
            for (int c = 0; c < classes.Count; c++)
            {
                positives[classes[c]] = _positives[c];
                labelled[classes[c]] = _labelled[c];
                prevalence[classes[c]] = _labelled[c] == 0 ? null : Math.Round((double)_positives[c] / _labelled[c], 6);
            }
            return new SplitSummary
            {
                Images = _images,
                Patients = _patients.Count + _unknownPatients,
                Positives = positives,
                Labelled = labelled,
                Prevalence = prevalence,
            };
        }
    }
}
