namespace ChestDx.Training.Runs;

/// <summary>
/// Stops a run whose validation loss has not reached a new low for <c>patience</c> epochs (jrzech/reproduce-chexnet:
/// 3), the guard against training on into overfitting. Patience 0 never stops.
/// </summary>
public sealed class EarlyStopping(int patience)
{
    public int Patience { get; } = patience;
    public double BestLoss { get; private set; } = double.PositiveInfinity;
    public int BestEpoch { get; private set; }
    public int EpochsSinceBest { get; private set; }

    /// <summary>Records an epoch; true when it is the new best.</summary>
    public bool Record(int epoch, double validationLoss)
    {
        if (validationLoss < BestLoss)
        {
            BestLoss = validationLoss;
            BestEpoch = epoch;
            EpochsSinceBest = 0;
            return true;
        }
        EpochsSinceBest++;
        return false;
    }

    public bool ShouldStop => Patience > 0 && EpochsSinceBest >= Patience;

    public EarlyStoppingState Save() => new(BestLoss, BestEpoch, EpochsSinceBest);

    public void Restore(EarlyStoppingState s)
    {
        BestLoss = s.BestLoss;
        BestEpoch = s.BestEpoch;
        EpochsSinceBest = s.EpochsSinceBest;
    }
}

public sealed record EarlyStoppingState(double BestLoss, int BestEpoch, int EpochsSinceBest);
