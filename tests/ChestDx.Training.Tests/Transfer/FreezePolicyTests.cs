using ChestDx.Core;
using ChestDx.Training.Model;
using ChestDx.Training.Transfer;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ChestDx.Training.Tests.Transfer;

/// <summary>
/// Freeze policies freeze exactly what they say: parameters, optimizer groups and BatchNorm statistics.
/// </summary>
public class FreezePolicyTests
{
    [Theory]
    [InlineData("none", new string[0])]
    [InlineData("features", new[]
    {
        "conv0", "norm0", "relu0", "pool0", "denseblock1", "transition1", "denseblock2", "transition2", "denseblock3",
        "transition3", "denseblock4", "norm5",
    })]
    [InlineData("until:denseblock2",
        new[] { "conv0", "norm0", "relu0", "pool0", "denseblock1", "transition1", "denseblock2" })]
    [InlineData("until:transition1", new[] { "conv0", "norm0", "relu0", "pool0", "denseblock1", "transition1" })]
    public void Policies_freeze_exactly_their_layers(string text, string[] frozenChildren)
    {
        using var model = new DenseNet(TestNets.Tiny());
        TransferState state = TransferState.Apply(model, FreezePolicy.Parse(text));

        Assert.Equal(frozenChildren, state.FrozenChildren);
        foreach ((string name, Parameter p) in model.named_parameters())
        {
            bool expectFrozen = frozenChildren.Any(c => name.StartsWith($"features.{c}.", StringComparison.Ordinal));
            Assert.True(p.requires_grad == !expectFrozen, $"{name}: requires_grad {p.requires_grad} under {text}");
        }
        long frozen = model.named_parameters().Where(p => !p.parameter.requires_grad).Sum(p => p.parameter.numel());
        Assert.Equal(frozen, state.Counts.Frozen);
        Assert.Equal(state.Counts.Total - frozen, state.Counts.Trainable);
        Assert.Equal(14 * 32 + 14, state.Counts.TrainableHead);
        Assert.Equal(state.Counts.Trainable, state.Counts.TrainableBackbone + state.Counts.TrainableHead);
    }

    [Fact]
    public void Frozen_parts_keep_their_weights_and_batchnorm_statistics_through_a_training_step()
    {
        using var model = new DenseNet(TestNets.Tiny(), seed: 3);
        TransferState state = TransferState.Apply(model, FreezePolicy.Parse("until:denseblock2"));
        var before = model.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone());
        var groups = state.Groups(model, backboneLrMultiplier: 0.1);
        using var adam = torch.optim.Adam(groups.Select(g =>
            new Adam.ParamGroup(g.Parameters, new Adam.Options { LearningRate = 1e-2 * g.LrScale })));

        state.Train(model);
        Assert.True(model.training);
        foreach ((string name, nn.Module m) in model.named_modules())
            if (m is BatchNorm2d) Assert.Equal(!state.IsFrozen(name + "."), m.training);

        using var g2 = new Generator(1);
        Tensor x = torch.randn([4, 3, 64, 64], generator: g2);
        Tensor loss = model.forward(x).square().mean();
        adam.zero_grad();
        loss.backward();
        adam.step();

        int frozenChecked = 0, trainedChecked = 0;
        foreach ((string key, Tensor now) in model.state_dict())
        {
            bool same = TestNets.Equal(before[key], now);
            if (state.IsFrozen(key))
            {
                Assert.True(same, $"{key} is frozen but changed");
                frozenChecked++;
            }
            else
            {
                // Every trainable parameter gets a non-zero Adam update; every live BatchNorm updates its statistics.
                Assert.False(same, $"{key} should have changed");
                trainedChecked++;
            }
        }
        Assert.True(frozenChecked > 0 && trainedChecked > 0);
    }

    [Fact]
    public void Backbone_and_head_get_separate_learning_rates()
    {
        using var model = new DenseNet(TestNets.Tiny());
        TransferState state = TransferState.Apply(model, FreezePolicy.None);
        var groups = state.Groups(model, backboneLrMultiplier: 0.1);
        Assert.Equal(["backbone", "head"], groups.Select(g => g.Name));
        Assert.Equal([0.1, 1.0], groups.Select(g => g.LrScale));
        Assert.Equal(state.Counts.TrainableBackbone, groups[0].Parameters.Sum(p => p.numel()));

        TransferState probe = TransferState.Apply(model, FreezePolicy.Features);
        Assert.Equal(["head"], probe.Groups(model, 0.1).Select(g => g.Name));
    }

    [Theory]
    [InlineData("until:denseblock9", "no layer 'denseblock9'")]
    [InlineData("all", "is not none, features or until:<block>")]
    [InlineData("until:", "is not none, features or until:<block>")]
    public void Unknown_policies_and_layers_are_explained(string text, string expected)
    {
        using var model = new DenseNet(TestNets.Tiny());
        var e = Assert.Throws<ChestDxException>(() => TransferState.Apply(model, FreezePolicy.Parse(text)));
        Assert.Contains(expected, e.Message);
    }
}
