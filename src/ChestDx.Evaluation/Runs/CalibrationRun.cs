using ChestDx.Core;
using ChestDx.Core.IO;
using ChestDx.Core.Models;
using ChestDx.Core.Packs;
using ChestDx.Core.Predictions;
using ChestDx.Evaluation.Inputs;
using ChestDx.Evaluation.Recalibration;

namespace ChestDx.Evaluation.Runs;

/// <summary>
/// The entry point of <c>chestdx calibrate</c>: reads the model's description, its validation predictions and their
/// labels, fits one recalibration per class (<see cref="CalibrationFitter"/>) and writes it into the model file's
/// metadata (chestdx.calibration, data-manifests/MODEL_FORMAT.md), as a copy or in place; the tensors are copied
/// byte for byte. Nothing is written when no class could be fitted. Locking the output is the caller's business.
/// </summary>
public static class CalibrationRun
{
    public static CalibrationOutcome Run(CalibrationRequest request)
    {
        request.Validate();
        string target = request.Target;
        string folder = Path.GetDirectoryName(Path.GetFullPath(target))!;
        Directory.CreateDirectory(folder);
        AtomicFile.CheckWritable(folder);

        ModelPackage model = ModelPackage.Read(request.Model);
        if (model.Assumed)
            throw ChestDxException.ForFile(request.Model, "a plain state_dict without ChestDx metadata: its classes "
                + "and preprocessing are guesses, which calibrate would write into the file; import it first "
                + "(chestdx import-model)");
        PredictionTable predictions = PredictionTable.Read(request.Predictions, request.Scale);
        if (predictions.Calibrated)
            throw ChestDxException.ForFile(request.Predictions,
                "these are calibrated probabilities (predict --calibrated): fit on the model's own predictions");
        ReferenceLabels labels = LabelReader.Read(request.Labels);
        EvaluationSet set = EvaluationSet.Join(predictions, labels, request.Match);

        var notes = new List<string>();
        if (PackLabels.IsPack(request.Labels))
            foreach ((string split, int count) in OutsideVal(request.Labels, set.Ids))
                notes.Add($"{count} of the {set.Ids.Count} predictions are of the pack's {split} split: fit on the "
                          + "val split (" + (split == PackFormat.Train
                              ? "on training images the model is more confident than on new ones)"
                              : "a calibration fitted on the test images makes their evaluation optimistic)"));

        IReadOnlyList<ClassFit> fits = CalibrationFitter.Fit(set, model.Classes, request.Method);
        List<ClassCalibration> fitted = fits.Where(f => f.Fitted is not null).Select(f => f.Fitted!).ToList();
        if (fitted.Count == 0)
            throw ChestDxException.ForFile(request.Predictions, "no class could be calibrated: "
                + string.Join("; ", fits.Select(f => $"{f.Class} ({f.Reason})")));
        foreach (ClassFit f in fits.Where(f => f.Clipped > 0))
            notes.Add($"{f.Class}: {f.Clipped} probabilities within 2^-24 of 0 or 1 were clipped before the logit");

        ModelPackage calibrated = model with { Calibration = fitted };
        calibrated.Check();
        if (request.InPlace) calibrated.WriteInto(request.Model);
        else calibrated.WriteCopy(request.Model, target);
        return new CalibrationOutcome(fits, model.Calibration, target, notes);
    }

    /// <summary>How many of <paramref name="ids"/> lie in the pack's train and test splits.</summary>
    private static IEnumerable<(string Split, int Count)> OutsideVal(string pack, IReadOnlyList<string> ids)
    {
        PackInfo info = DatasetPack.ReadInfo(pack);
        Dictionary<string, string> split = ManifestCsv.Read(Path.Combine(pack, PackFormat.ManifestFile), info.Classes)
            .ToDictionary(e => e.ImageId, e => e.Split, StringComparer.Ordinal);
        foreach (string name in new[] { PackFormat.Train, PackFormat.Test })
            if (ids.Count(id => split.TryGetValue(id, out string? s) && s == name) is > 0 and int count)
                yield return (name, count);
    }
}
