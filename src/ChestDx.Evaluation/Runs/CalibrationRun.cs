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
        if (PackLabels.IsPack(request.Labels) && TestImages(request.Labels, set.Ids) is > 0 and int test)
            notes.Add($"{test} of the {set.Ids.Count} predictions are of the pack's test split: a calibration "
                      + "fitted on the test images makes their evaluation optimistic (fit on the val split)");

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

    private static int TestImages(string pack, IReadOnlyList<string> ids)
    {
        PackInfo info = DatasetPack.ReadInfo(pack);
        var test = ManifestCsv.Read(Path.Combine(pack, PackFormat.ManifestFile), info.Classes)
            .Where(e => e.Split == PackFormat.Test).Select(e => e.ImageId).ToHashSet(StringComparer.Ordinal);
        return ids.Count(test.Contains);
    }
}
