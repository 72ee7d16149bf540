using ChestDx.Training.Model;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ChestDx.Training.Transfer;

/// <summary>
/// A <see cref="FreezePolicy"/> applied to a model: frozen parameters have requires_grad=false and no optimizer
/// group, frozen BatchNorms stay in eval mode whenever the model trains (<see cref="Train"/> instead of
/// <c>model.train()</c>), and the trainable parameters form two Adam groups, backbone and head, so the backbone can
/// learn more slowly (a learning-rate multiplier below 1: "lightly trained" early layers).
/// </summary>
public sealed class TransferState
{
    private readonly string[] _frozenPrefixes;

    private TransferState(FreezePolicy policy, IReadOnlyList<string> frozenChildren, ParameterCounts counts)
    {
        Policy = policy;
        FrozenChildren = frozenChildren;
        _frozenPrefixes = frozenChildren.Select(c => $"{DenseNet.FeaturesName}.{c}.").ToArray();
        Counts = counts;
    }

    public FreezePolicy Policy { get; }

    /// <summary>Children of <c>features</c> that are frozen, in forward order.</summary>
    public IReadOnlyList<string> FrozenChildren { get; }

    public ParameterCounts Counts { get; }

    /// <summary>Sets requires_grad on every parameter as <paramref name="policy"/> says
    /// and puts frozen BatchNorms in eval mode.</summary>
    public static TransferState Apply(DenseNet model, FreezePolicy policy)
    {
        var children = model.named_children().Single(c => c.name == DenseNet.FeaturesName).module
            .named_children().Select(c => c.name).ToList();
        IReadOnlyList<string> frozen = policy.FrozenChildren(children);
        var prefixes = frozen.Select(c => $"{DenseNet.FeaturesName}.{c}.").ToArray();

        long total = 0, frozenCount = 0, backbone = 0, head = 0;
        foreach ((string name, Parameter p) in model.named_parameters())
        {
            bool isFrozen = prefixes.Any(x => name.StartsWith(x, StringComparison.Ordinal));
            p.requires_grad = !isFrozen;
            total += p.numel();
            if (isFrozen) frozenCount += p.numel();
            else if (name.StartsWith(DenseNet.ClassifierName + ".", StringComparison.Ordinal)) head += p.numel();
            else backbone += p.numel();
        }
        var state = new TransferState(policy, frozen,
            new ParameterCounts(total, total - frozenCount, frozenCount, backbone, head));
        state.Train(model, model.training);
        return state;
    }

    /// <summary>model.train(on), then frozen BatchNorms back to eval
    /// so their running statistics are not updated.</summary>
    public void Train(DenseNet model, bool on = true)
    {
        model.train(on);
        if (!on || _frozenPrefixes.Length == 0) return;
        foreach ((string name, nn.Module m) in model.named_modules())
            if (m is BatchNorm2d && _frozenPrefixes.Any(p => (name + ".").StartsWith(p, StringComparison.Ordinal)))
                m.eval();
    }

    /// <summary>Whether parameter or buffer <paramref name="name"/> lies in a frozen part.</summary>
    public bool IsFrozen(string name) => _frozenPrefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal));

    /// <summary>
    /// Adam parameter groups: trainable backbone parameters at lr·<paramref name="backboneLrMultiplier"/>, the head at
    /// lr. Empty groups are left out. Group order (backbone, head) is fixed so optimizer checkpoints line up.
    /// </summary>
    public List<(string Name, List<Parameter> Parameters, double LrScale)> Groups(DenseNet model,
        double backboneLrMultiplier)
    {
        var backbone = new List<Parameter>();
        var head = new List<Parameter>();
        foreach ((string name, Parameter p) in model.named_parameters())
        {
            if (!p.requires_grad) continue;
            (name.StartsWith(DenseNet.ClassifierName + ".", StringComparison.Ordinal) ? head : backbone).Add(p);
        }
        var groups = new List<(string, List<Parameter>, double)>();
        if (backbone.Count > 0) groups.Add(("backbone", backbone, backboneLrMultiplier));
        if (head.Count > 0) groups.Add(("head", head, 1.0));
        return groups;
    }
}

/// <summary>Parameter counts after a freeze policy;
/// written to the run's config so a reader knows what was trained.</summary>
public sealed record ParameterCounts(
    long Total, long Trainable, long Frozen, long TrainableBackbone, long TrainableHead);
