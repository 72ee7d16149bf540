using System.Globalization;
using ChestDx.Core.Models;
using ChestDx.Training.Model;
using ChestDx.Training.Weights;
using TorchSharp;
using static TorchSharp.torch;

namespace ChestDx.Training.Tests.Model;

/// <summary>
/// Parity with torchvision's DenseNet (tests/data/densenet-parity, made by make_fixture.py with torch 1.13 /
/// torchvision 0.14): the module tree gives torchvision's state_dict exactly, and the tiny configuration reproduces
/// torchvision's logits, loss, gradients and one Adam step from the same weights and inputs.
/// </summary>
public class DenseNetParityTests
{
    private static readonly string Fixture = Path.Combine(AppContext.BaseDirectory, "data", "densenet-parity");

    private static readonly DenseNetConfig Tiny = new()
    {
        GrowthRate = 8, BlockConfig = [2, 2, 2, 2], NumInitFeatures = 16, BnSize = 2, DropRate = 0, NumClasses = 14,
    };

    [Fact]
    public void DenseNet121_state_dict_has_torchvisions_keys_shapes_and_order()
    {
        var expected = File.ReadAllLines(Path.Combine(Fixture, "densenet121_14class_state_dict.tsv"))
            .Skip(1).Select(line => line.Split('\t')).Select(f => (Key: f[0], Shape: f[1])).ToList();

        using var model = new DenseNet(DenseNetConfig.DenseNet121(classes: 14));
        var actual = ModuleState.Ordered(model)
            .Select(kv => (Key: kv.Key,
                Shape: kv.Value.shape.Length == 0 ? "scalar" : string.Join("x", kv.Value.shape)))
            .ToList();

        Assert.Equal(727, expected.Count);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void DenseNet121_has_6968206_parameters_all_trainable()
    {
        using var model = new DenseNet(DenseNetConfig.DenseNet121(classes: 14));
        Assert.Equal(6_968_206L, model.parameters().Sum(p => p.numel()));
        Assert.All(model.parameters(), p => Assert.True(p.requires_grad));
        Assert.Equal(1024, model.Config.FinalFeatures);
    }

    [Fact]
    public void Initialisation_follows_torchvision_and_is_seeded()
    {
        using var a = new DenseNet(Tiny, seed: 7);
        using var b = new DenseNet(Tiny, seed: 7);
        using var c = new DenseNet(Tiny, seed: 8);
        Tensor conv0A = a.state_dict()["features.conv0.weight"];
        Assert.True(conv0A.eq(b.state_dict()["features.conv0.weight"]).all().item<bool>());
        Assert.False(conv0A.eq(c.state_dict()["features.conv0.weight"]).all().item<bool>());

        // kaiming_normal_(fan_in): std = sqrt(2 / (3·7·7)) for conv0 of the tiny net (16×3×7×7 = 2352 draws).
        double expectedStd = Math.Sqrt(2.0 / (3 * 7 * 7));
        Assert.InRange(conv0A.std().item<float>(), expectedStd * 0.9, expectedStd * 1.1);
        Assert.True(a.state_dict()["features.norm0.weight"].eq(1).all().item<bool>());
        Assert.True(a.state_dict()["features.norm0.bias"].eq(0).all().item<bool>());
        Assert.True(a.state_dict()["classifier.bias"].eq(0).all().item<bool>());
        double bound = 1 / Math.Sqrt(Tiny.FinalFeatures);
        Assert.True(a.state_dict()["classifier.weight"].abs().max().item<float>() <= bound);
    }

    // The Adam step at the end only confirms gradient signs (Adam's first step is lr·sign(g) for all but the tiniest
    // gradients) and uses libtorch's loss and optimiser, not ChestDx's: TrainingStepParityTests checks the training
    // step.
    [Fact]
    public void Tiny_config_reproduces_torchvision_logits_loss_and_gradients_and_the_signs_of_one_adam_step()
    {
        using var scope = torch.NewDisposeScope();
        using var model = new DenseNet(Tiny);
        using (StateDict weights = SafeTensors.Read(Path.Combine(Fixture, "tiny_weights.safetensors")))
            ModelWeights.Load(model, weights, "tiny_weights.safetensors");
        using StateDict inputs = SafeTensors.Read(Path.Combine(Fixture, "tiny_inputs.safetensors"));
        using StateDict expected = SafeTensors.Read(Path.Combine(Fixture, "tiny_expected.safetensors"));
        Tensor x = inputs["x"], targets = inputs["targets"], posWeight = inputs["pos_weight"];

        model.eval();
        using (torch.no_grad())
            AssertClose(expected["logits_eval"], model.forward(x), 1e-4, "eval logits");

        model.train();
        Tensor logits = model.forward(x);
        AssertClose(expected["logits_train"], logits, 1e-4, "train logits");
        Tensor loss = nn.functional.binary_cross_entropy_with_logits(logits, targets, pos_weights: posWeight);
        AssertClose(expected["loss"], loss.reshape(1), 1e-4, "loss");

        var adam = torch.optim.Adam(model.parameters(), lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8, weight_decay: 0);
        adam.zero_grad();
        loss.backward();
        Dictionary<string, Tensor> state = model.state_dict();
        AssertClose(
            expected["grad.features.conv0.weight"], state["features.conv0.weight"].grad!, 1e-4, "conv0 gradient");
        AssertClose(expected["grad.classifier.weight"], state["classifier.weight"].grad!, 1e-4, "classifier gradient");
        adam.step();

        string[] after = expected.Keys.Where(k => k.StartsWith("after_step.", StringComparison.Ordinal)).ToArray();
        Assert.Equal(8, after.Length);
        foreach (string key in after)
            AssertClose(expected[key], state[key["after_step.".Length..]], 1e-5, key);
    }

    /// <summary>|a − e| ≤ tol·max(1, |e|) element-wise: relative for large values, absolute near zero.</summary>
    private static void AssertClose(Tensor expected, Tensor actual, double tolerance, string what)
    {
        Assert.Equal(expected.shape, actual.shape);
        using Tensor e = expected.to(float64), a = actual.detach().to(float64);
        using Tensor excess = (a - e).abs() - e.abs().clamp_min(1.0) * tolerance;
        double worst = excess.max().item<double>();
        Assert.True(worst <= 0, string.Create(CultureInfo.InvariantCulture,
            $"{what}: max |actual − expected| exceeds {tolerance} (relative) by {worst:G3}"
            + $"; max abs diff {(a - e).abs().max().item<double>():G3}"));
    }
}
