using ChestDx.Training.Runs;
using TorchSharp;
using static TorchSharp.torch;

namespace ChestDx.Training.Tests.Runs;

public class MaskedBceTests
{
    [Fact]
    public void With_every_label_known_it_is_pytorchs_mean_bce_with_logits()
    {
        using var g = new Generator(3);
        using Tensor logits = torch.randn([4, 3], generator: g);
        using Tensor targets = torch.tensor(new float[] { 1, 0, 1, 0, 0, 1, 1, 1, 0, 0, 0, 0 }).view(4, 3);
        using Tensor pos = torch.tensor(new float[] { 0.5f, 2f, 4f });
        using Tensor mask = torch.ones(4, 3);
        using Tensor reference = nn.functional.binary_cross_entropy_with_logits(logits, targets, pos_weights: pos);
        using Tensor ours = MaskedBce.Mean(logits, targets, mask, pos);
        Assert.Equal(reference.item<float>(), ours.item<float>(), 6);
    }

    [Fact]
    public void Unknown_labels_do_not_contribute()
    {
        using Tensor logits = torch.tensor(new float[] { 2f, -1f, 0.5f, 9f }).view(2, 2);
        using Tensor targets = torch.tensor(new float[] { 1f, 0f, 0f, 0f }).view(2, 2);
        using Tensor mask = torch.tensor(new float[] { 1f, 1f, 1f, 0f }).view(2, 2);
        // Mean over the three known labels; the 4th (logit 9, target 0) would add a loss of ~9.
        double expected = (Math.Log(1 + Math.Exp(-2)) + Math.Log(1 + Math.Exp(-1)) + Math.Log(1 + Math.Exp(0.5))) / 3;
        using Tensor loss = MaskedBce.Mean(logits, targets, mask, null);
        Assert.Equal(expected, loss.item<float>(), 5);
    }

    [Fact]
    public void Positive_weights_are_negatives_over_positives_of_the_known_training_labels()
    {
        using var dir = new TestNets.TempDir();
        string path = TinyPack.Create(dir.File("pack"), train: 48, val: 8, withUnknown: true);
        using var pack = ChestDx.Core.Packs.DatasetPack.Open(path);
        int[] rows = pack.Entries.Where(e => e.Split == "train").Select(e => e.Row).ToArray();
        float[] w = MaskedBce.PositiveWeights(pack, rows, out List<string> none);
        for (int c = 0; c < 3; c++)
        {
            int p = rows.Count(r => pack.Entries[r].Labels[c] == 1),
                n = rows.Count(r => pack.Entries[r].Labels[c] == 0);
            Assert.Equal((float)n / p, w[c], 5);
        }
        Assert.Empty(none);
        Assert.Equal(6, rows.Count(r => !float.IsNaN(pack.Entries[r].Labels[2]))); // rows 0, 8, …, 40: the rest unknown
    }
}
