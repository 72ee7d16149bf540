namespace ChestDx.Training.Runs;

/// <summary>One row of metrics.csv: what an epoch did and what validation said about it.</summary>
/// <param name="Epoch">1-based.</param>
/// <param name="LearningRate">The head's learning rate during the epoch
/// (the backbone's is this × the multiplier).</param>
/// <param name="TrainLoss">Mean masked BCE over the epoch's training batches
/// (train mode: augmentation, BN batch statistics).</param>
/// <param name="ValLoss">Mean masked BCE over the validation split (eval mode).</param>
/// <param name="ValMeanAuroc">Mean of the defined per-class AUROCs; null when no class has both outcomes.</param>
/// <param name="ValAuroc">Per class, in class order; null where validation lacks positives or negatives.</param>
/// <param name="Seconds">Wall time of the epoch, training and validation.</param>
/// <param name="TrainImagesPerSecond">Training throughput (images through forward+backward+step per second).</param>
/// <param name="IsBest">Lowest validation loss so far (this epoch became best.ckpt).</param>
public sealed record EpochMetrics(
    int Epoch,
    double LearningRate,
    double TrainLoss,
    double ValLoss,
    double? ValMeanAuroc,
    IReadOnlyList<double?> ValAuroc,
    double Seconds,
    double TrainImagesPerSecond,
    bool IsBest)
{
    /// <summary>Validation minus training loss: a gap that keeps growing while training loss falls
    /// is overfitting.</summary>
    public double Gap => ValLoss - TrainLoss;
}
