namespace ChestDx.Core.Packs;

/// <summary>
/// What can honestly be said about "no patient in two splits" for a pack. Opening a pack already refuses one where a
/// patient id sits in two splits (<see cref="DatasetPack.CheckPatientsDisjoint"/>), but images without a patient id
/// cannot be checked: disjointness is then verified only where ids exist, assumed where the user stated one image per
/// patient, and otherwise not verifiable. `pack verify`, `ingest` and `pack merge` all print this one sentence.
/// </summary>
/// <param name="Verified">True only when every image has a patient id (or the pack has a single split).</param>
/// <param name="Text">The sentence to print, e.g. "patient disjointness not verifiable: no patient ids".</param>
public sealed record PatientDisjointness(bool Verified, string Text)
{
    public static PatientDisjointness Of(PackInfo info, IReadOnlyList<PackEntry> entries)
    {
        (int with, int without) = PatientIdStatus.Count(entries);
        int splits = entries.Select(e => e.Split).Distinct(StringComparer.Ordinal).Count();
        if (splits <= 1) return new(true, "patient disjointness holds: the pack has a single split");
        if (without == 0)
            return new(true, $"patient disjointness verified ({with} images with patient ids, "
                + $"no patient in two splits)");
        bool stated = info.Settings?.OneImagePerPatient == true;
        if (with == 0)
            return new(false, stated
                ? "patient disjointness assumed: one image per patient, stated by the user (no patient ids)"
                : "patient disjointness not verifiable: no patient ids");
        return new(false, stated
            ? $"patient disjointness verified for the {with} images with patient ids; "
            + $"assumed for the {without} without (one image per patient, stated by the user)"
            : $"patient disjointness not verifiable: no patient ids for {without} of {with + without} images");
    }
}
