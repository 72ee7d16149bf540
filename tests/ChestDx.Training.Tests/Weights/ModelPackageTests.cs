using ChestDx.Core;
using ChestDx.Core.Models;
using ChestDx.Training.Weights;
using TorchSharp;
using Xunit;

namespace ChestDx.Training.Tests.Weights;

public sealed class ModelPackageTests
{
    private static ModelPackage Package(IReadOnlyList<string> classes) => new()
    {
        Architecture = DenseNetConfig.DenseNet121(classes.Count), Classes = classes, InputSize = 224,
        ImageSize = 224, EvalCrop = EvalCrop.Resize,
    };

    [Fact]
    public void Metadata_round_trip_keeps_scaling_channels_operating_points_calibration_and_source()
    {
        ModelPackage package = Package(["Atelectasis", "Edema"]) with
        {
            InputChannels = 1,
            InputScaling = InputScaling.Xrv,
            OperatingPoints = [0.07422872, double.NaN],
            Calibration = [new ClassCalibration { Class = "Edema", Method = CalibrationMethod.Platt, Slope = 0.8,
                Intercept = -0.25 }],
            Source = new ModelSource
            {
                Format = ModelSourceFormat.Xrv, File = "a.pt", Sha256 = "ab", SigmoidRemoved = false,
            },
        };

        ModelPackage read = ModelPackage.FromMetadata(package.ToMetadata(), "model.safetensors");

        Assert.Equal(1, read.InputChannels);
        Assert.Equal(InputScaling.Xrv, read.InputScaling);
        Assert.Equal(0.07422872, read.OperatingPoints![0]);
        Assert.True(double.IsNaN(read.OperatingPoints[1]));
        Assert.Equal(package.Calibration, read.Calibration);
        Assert.Equal(package.Source, read.Source);
        Assert.Equal("xrv", package.ToMetadata()["chestdx.input_scaling"]);
    }

    [Fact]
    public void A_file_written_before_input_scaling_was_recorded_reads_as_three_channel_imagenet()
    {
        Dictionary<string, string> metadata = Package(["A"]).ToMetadata();
        metadata.Remove("chestdx.input_channels");
        metadata.Remove("chestdx.input_scaling");

        ModelPackage read = ModelPackage.FromMetadata(metadata, "old.safetensors");

        Assert.Equal(3, read.InputChannels);
        Assert.Equal(InputScaling.Imagenet, read.InputScaling);
        Assert.Null(read.OperatingPoints);
    }

    [Fact]
    public void Operating_points_of_the_wrong_length_are_damaged_metadata_naming_the_file()
    {
        Dictionary<string, string> metadata = Package(["A", "B"]).ToMetadata();
        metadata["chestdx.operating_points"] = "[0.5]";

        var e = Assert.Throws<ChestDxException>(() => ModelPackage.FromMetadata(metadata, "m.safetensors"));

        Assert.Contains("m.safetensors", e.Message);
        Assert.Contains("1 operating points for 2 classes", e.Message);
    }

    [Fact]
    public void WriteInto_replaces_the_metadata_and_keeps_every_tensor_byte()
    {
        string dir = Directory.CreateTempSubdirectory("chestdx-model-package-").FullName;
        try
        {
            string path = Path.Combine(dir, "model.safetensors");
            using (var a = torch.arange(0, 6, torch.float32).reshape(2, 3))
            using (var b = torch.tensor(new long[] { 7, -1 }))
                SafeTensors.Write(path, [new("a", a), new("b", b)], Package(["A"]).ToMetadata());
            byte[] before = File.ReadAllBytes(path);

            ModelPackage calibrated = ModelPackage.Read(path) with
            {
                Calibration =
                [
                    new ClassCalibration { Class = "A", Method = CalibrationMethod.Temperature, Slope = 0.5 },
                ],
            };
            calibrated.WriteInto(path);

            Assert.Equal(calibrated.Calibration, ModelPackage.Read(path).Calibration);
            using StateDict dict = SafeTensors.Read(path);
            Assert.Equal(["a", "b"], dict.Keys);
            Assert.Equal([0f, 1, 2, 3, 4, 5], dict["a"].data<float>().ToArray());
            Assert.Equal([7L, -1], dict["b"].data<long>().ToArray());
            Assert.NotEqual(before.Length, File.ReadAllBytes(path).Length);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
