using ChestDx.Core.Models;
using ChestDx.Core.Classes;
using ChestDx.Training.Model;
using ChestDx.Training.Settings;
using ChestDx.Training.Weights;
using TorchSharp;
using static TorchSharp.torch;

namespace ChestDx.Training.Tests.Weights;

/// <summary>
/// Starting a model from weights whose classifier has another class set: heads of the same finding (Findings) keep the
/// file's rows, other classes get fresh heads, the file's unmatched classes are dropped and reported.
/// </summary>
public class HeadMatchingTests
{
    private const long HeadSeed = 3;

    /// <summary>
    /// A 14-class ChestX-ray14 model with a non-trivial classifier, written with or without ChestDx metadata.
    /// </summary>
    private static DenseNet Source(string path, bool withMetadata)
    {
        var source = new DenseNet(TestNets.Tiny(classes: 14), seed: 21);
        using (no_grad())
        {
            var g = new Generator(77);
            source.Classifier.weight!.uniform_(-1, 1, g);
            source.Classifier.bias!.uniform_(-1, 1, g);
        }
        if (withMetadata)
            new ModelPackage
            {
                Architecture = source.Config, Classes = ClassSet.ChestXray14.Names, InputSize = 32, ImageSize = 32,
                EvalCrop = EvalCrop.Center,
            }.Write(path, source);
        else SafeTensors.Write(path, ModuleState.Ordered(source));
        return source;
    }

    [Theory]
    [InlineData(true)]  // a ChestDx export says its classes
    [InlineData(false)] // a plain 14-output file is taken as ChestX-ray14, as predict takes it
    public void A_chestxray14_file_initialises_the_five_chexpert_competition_heads_from_its_own_rows(bool withMetadata)
    {
        using var dir = new TestNets.TempDir();
        string path = dir.File("nih14.safetensors");
        using DenseNet source = Source(path, withMetadata);
        using var model = new DenseNet(TestNets.Tiny(classes: 5), seed: 1);

        WeightsReport report = PretrainedWeights.Load(model, path, HeadSeed, ClassSet.CheXpertCompetition);

        Assert.Equal(HeadSource.MatchedByName, report.Head);
        // Atelectasis, Cardiomegaly, Consolidation, Edema, Pleural Effusion ↔ ChestX-ray14 rows 0, 1, 8, 9, 2
        // (Effusion).
        int[] sourceRow = [0, 1, 8, 9, 2];
        for (int c = 0; c < 5; c++)
        {
            Assert.True(TestNets.Equal(source.Classifier.weight![sourceRow[c]], model.Classifier.weight![c]),
                $"weight row {c}");
            Assert.True(TestNets.Equal(source.Classifier.bias![sourceRow[c]], model.Classifier.bias![c]), $"bias {c}");
        }
        Assert.Equal(ClassSet.CheXpertCompetition.Names, report.HeadClasses!.Kept);
        Assert.Empty(report.HeadClasses.New);
        Assert.Equal(
            [
                "Infiltration", "Mass", "Nodule", "Pneumonia", "Pneumothorax", "Emphysema", "Fibrosis",
                "Pleural_Thickening", "Hernia",
            ],
            report.HeadClasses.Dropped);
        Assert.Equal("chestxray14", report.HeadClasses.FileClassSet);
        Assert.Contains("dropped: Infiltration, Mass", report.Describe());
        // The backbone is the file's.
        Assert.True(TestNets.Equal(
            source.state_dict()["features.conv0.weight"], model.state_dict()["features.conv0.weight"]));
    }

    [Fact]
    public void A_class_the_file_lacks_gets_the_fresh_torchvision_head_of_the_seed()
    {
        using var dir = new TestNets.TempDir();
        string path = dir.File("nih14.safetensors");
        using DenseNet source = Source(path, withMetadata: true);
        using var model = new DenseNet(TestNets.Tiny(classes: 2), seed: 1);

        WeightsReport report = PretrainedWeights.Load(
            model, path, HeadSeed, new ClassSet(ClassSet.CustomId, ["Cardiomegaly", "Fracture"]));

        Assert.Equal(["Cardiomegaly"], report.HeadClasses!.Kept);
        Assert.Equal(["Fracture"], report.HeadClasses.New);
        Assert.True(TestNets.Equal(source.Classifier.weight![1], model.Classifier.weight![0]));
        using var fresh = new DenseNet(TestNets.Tiny(classes: 2), seed: 1);
        using (var g = new Generator((ulong)HeadSeed)) ModelInit.LinearHead(fresh.Classifier, g);
        Assert.True(TestNets.Equal(fresh.Classifier.weight![1], model.Classifier.weight![1]));
        Assert.Equal(0f, model.Classifier.bias![1].item<float>());
    }

    [Fact]
    public void The_same_class_set_keeps_the_files_head_as_before()
    {
        using var dir = new TestNets.TempDir();
        string path = dir.File("nih14.safetensors");
        using DenseNet source = Source(path, withMetadata: true);
        using var model = new DenseNet(TestNets.Tiny(classes: 14), seed: 1);

        WeightsReport report = PretrainedWeights.Load(model, path, HeadSeed, ClassSet.ChestXray14);

        Assert.Equal(HeadSource.FromFile, report.Head);
        Assert.Null(report.HeadClasses);
        Assert.True(TestNets.Equal(source.Classifier.weight!, model.Classifier.weight!));
    }
}
