namespace ChestDx.Training.Runs;

/// <summary>
/// PyTorch's ReduceLROnPlateau (mode "min", threshold_mode "rel", no cooldown; torch/optim/lr_scheduler.py) as a
/// small value object, so its whole state goes into the checkpoint as JSON and a resumed run continues it exactly:
/// after each epoch, a validation loss below best·(1 − threshold) resets the bad-epoch count; when the count exceeds
/// the patience, every group's learning rate is multiplied by the factor (not below the floor) and the count restarts.
/// </summary>
public sealed class PlateauScheduler
{
    // PyTorch's eps: reductions smaller than this are skipped.
    private const double MinimalChange = 1e-8;

    public PlateauScheduler(double factor, int patience, double threshold, double minLearningRate)
    {
        Factor = factor;
        Patience = patience;
        Threshold = threshold;
        MinLearningRate = minLearningRate;
    }

    public double Factor { get; }
    public int Patience { get; }
    public double Threshold { get; }
    public double MinLearningRate { get; }

    /// <summary>Best validation loss so far (+∞ before the first epoch).</summary>
    public double Best { get; private set; } = double.PositiveInfinity;

    public int BadEpochs { get; private set; }

    /// <summary>Takes the epoch's validation loss and lowers <paramref name="learningRates"/>
    /// in place when it plateaued; true if it did.</summary>
    public bool Step(double validationLoss, double[] learningRates)
    {
        if (validationLoss < Best * (1 - Threshold))
        {
            Best = validationLoss;
            BadEpochs = 0;
        }
        else BadEpochs++;

        if (BadEpochs <= Patience) return false;
        bool reduced = false;
        for (int i = 0; i < learningRates.Length; i++)
        {
            double lowered = Math.Max(learningRates[i] * Factor, MinLearningRate);
            if (learningRates[i] - lowered > MinimalChange)
            {
                learningRates[i] = lowered;
                reduced = true;
            }
        }
        BadEpochs = 0;
        return reduced;
    }

    public PlateauState Save() => new(Best, BadEpochs);

    public void Restore(PlateauState state)
    {
        Best = state.Best;
        BadEpochs = state.BadEpochs;
    }
}

public sealed record PlateauState(double Best, int BadEpochs);
