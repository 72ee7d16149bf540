using ChestDx.Training.Settings;
using TorchSharp;
using TorchSharp.Modules;

namespace ChestDx.Training.Runs;

/// <summary>
/// The trainer's optimiser: torch.optim.Adam (L2 weight decay added to the gradient, not AdamW) with one parameter
/// group per <see cref="Transfer.TransferState.Groups"/> entry, each at its own learning rate, and the config's betas,
/// ε and weight decay. One place, so the training-step parity test runs exactly what the trainer runs.
/// </summary>
public static class TrainerOptimizer
{
    /// <param name="learningRates">Per group; null = the config's learning rate times each group's scale (a new run).
    /// A resumed run passes the rates its scheduler had reached.</param>
    public static Adam Create(TrainConfig config,
        IReadOnlyList<(string Name, List<Parameter> Parameters, double LrScale)> groups,
        IReadOnlyList<double>? learningRates = null)
    {
        double[] rates = learningRates?.ToArray() ?? InitialLearningRates(config, groups);
        return torch.optim.Adam(
            groups.Select((g, i) => new Adam.ParamGroup(g.Parameters, new Adam.Options
            {
                LearningRate = rates[i], beta1 = config.Beta1, beta2 = config.Beta2, eps = config.AdamEps,
                weight_decay = config.WeightDecay, amsgrad = false, maximize = false,
            })),
            lr: config.LearningRate, beta1: config.Beta1, beta2: config.Beta2, eps: config.AdamEps,
            weight_decay: config.WeightDecay);
    }

    /// <summary>The config's learning rate times each group's scale.</summary>
    public static double[] InitialLearningRates(TrainConfig config,
        IReadOnlyList<(string Name, List<Parameter> Parameters, double LrScale)> groups) =>
        groups.Select(g => config.LearningRate * g.LrScale).ToArray();
}
