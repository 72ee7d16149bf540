namespace ChestDx.Core.Packs;

/// <summary>
/// Whether a pack's images carry patient ids, and so whether "no patient in two splits" can be checked at all. An
/// image without a patient id is counted as its own patient (PackSummary), which is only true when the source has
/// one image per patient: with three films per patient it silently splits a patient across train and test.
/// </summary>
public static class PatientIdStatus
{
    /// <summary>Every image has a patient id.</summary>
    public const string Present = "present";
    /// <summary>Some images have one, some do not.</summary>
    public const string Partial = "partial";
    /// <summary>No image has one.</summary>
    public const string Absent = "absent";

    /// <summary>The status of <paramref name="entries"/>' patient column;
    /// "present" for an empty pack (nothing is unverifiable).</summary>
    public static string Of(IEnumerable<PackEntry> entries)
    {
        (int with, int without) = Count(entries);
        return without == 0 ? Present : with == 0 ? Absent : Partial;
    }

    /// <summary>Images with and without a patient id.</summary>
    public static (int With, int Without) Count(IEnumerable<PackEntry> entries)
    {
        int with = 0, without = 0;
        foreach (PackEntry e in entries)
            if (e.PatientId.Length == 0) without++;
            else with++;
        return (with, without);
    }
}
