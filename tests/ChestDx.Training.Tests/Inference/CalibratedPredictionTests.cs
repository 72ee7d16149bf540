using System.Globalization;
using ChestDx.Core;
using ChestDx.Core.Models;
using ChestDx.Core.Predictions;
using ChestDx.Core.Progress;
using ChestDx.Evaluation.Recalibration;
using ChestDx.Training.Inference;
using ChestDx.Training.Settings;

namespace ChestDx.Training.Tests.Inference;

/// <summary>
/// predict --calibrated on a trained run with a calibration in its model file: it writes exactly what
/// evaluate --calibration computes from the uncalibrated file (CalibrationLogits.Calibrate), marked calibrated in its
/// id header.
/// </summary>
public sealed class CalibratedPredictionTests : IClassFixture<PredictorTests.TrainedRun>
{
    private readonly PredictorTests.TrainedRun _run;

    public CalibratedPredictionTests(PredictorTests.TrainedRun run) => _run = run;

    private PredictionOutcome Predict(string model, string split, string output, bool calibrated) =>
        PredictionRun.Run(new PredictionRequest
        {
            Model = model, Inputs = [_run.Pack], Split = split, Output = output, Device = DeviceChoice.Cpu,
            Calibrated = calibrated,
        }, NullProgressSink.Instance);

    [Fact]
    public void Calibrated_predictions_are_the_uncalibrated_ones_through_the_fitted_calibration()
    {
        // The calibration is written, not fitted: on this tiny pack's val split the logits may separate the labels,
        // which has no finite fit (Evaluation.Tests check fitting against scikit-learn).
        string model = _run.Result.Run.Model, calibratedModel = _run.Dir.File("calibrated.safetensors");
        ModelPackage package = ModelPackage.Read(model);
        (package with
        {
            Calibration =
            [
                new ClassCalibration { Class = TinyPack.Classes[0], Method = CalibrationMethod.Temperature,
                    Slope = 1 / 2.5 },
                new ClassCalibration { Class = TinyPack.Classes[1], Method = CalibrationMethod.Platt, Slope = 0.7,
                    Intercept = -0.3 },
            ],
        }).WriteCopy(model, calibratedModel);
        string plain = _run.Dir.File("test.csv"), calibrated = _run.Dir.File("test-calibrated.csv");

        Predict(calibratedModel, "test", plain, calibrated: false);
        Predict(calibratedModel, "test", calibrated, calibrated: true);

        PredictionTable before = PredictionTable.Read(plain), after = PredictionTable.Read(calibrated);
        Assert.False(before.Calibrated);
        Assert.True(after.Calibrated);
        Assert.StartsWith(PredictionsCsv.CalibratedIdHeader + ",", File.ReadLines(calibrated).First());
        IReadOnlyList<ClassCalibration> fitted = ModelPackage.Read(calibratedModel).Calibration!;
        Assert.Equal(before.Ids, after.Ids);
        for (int c = 0; c < before.Classes.Count; c++)
            for (int i = 0; i < before.Ids.Count; i++)
            {
                // Two predict runs may differ in the last bit of a probability (libtorch's CPU kernels do not
                // promise bitwise repeatability across runs), so a few float32 ulps are allowed.
                double expected = CalibrationLogits.Calibrate(fitted[c], before.Scores[c][i]);
                Assert.True(Math.Abs(expected - after.Scores[c][i]) <= 1e-6,
                    $"{before.Classes[c]} row {i}: {after.Scores[c][i].ToString("R", CultureInfo.InvariantCulture)}"
                    + $" written, {expected:R} expected");
            }
        Assert.True(before.Scores[0].Zip(after.Scores[0]).Max(t => Math.Abs(t.First - t.Second)) > 0.01,
            "T = 2.5 left every probability where it was");
    }

    [Fact]
    public void A_model_without_calibration_refuses_calibrated_predictions()
    {
        var e = Assert.Throws<ChestDxException>(() =>
            Predict(_run.Result.Run.Model, "test", _run.Dir.File("refused.csv"), calibrated: true));

        Assert.Contains("no fitted calibration", e.Message);
        Assert.False(File.Exists(_run.Dir.File("refused.csv")));
    }
}
