using TorchSharp;
using static TorchSharp.torch;

namespace ChestDx.Training.Model;

/// <summary>
/// A dense block: layer i sees the concatenation of the block input and the outputs of layers 1…i−1; the block
/// returns the concatenation of all of them (Huang et al. 2017, §3 "Dense connectivity"). Layers are registered as
/// <c>denselayer1</c>… like torchvision's <c>_DenseBlock</c> (an nn.ModuleDict).
/// </summary>
internal sealed class DenseBlock : nn.Module<Tensor, Tensor>
{
    private readonly List<DenseLayer> _layers = [];

    public DenseBlock(int layers, long inputFeatures, int bnSize, int growthRate, double dropRate, DropoutRng dropout)
        : base("DenseBlock")
    {
        for (int i = 0; i < layers; i++)
        {
            var layer = new DenseLayer(inputFeatures + i * growthRate, growthRate, bnSize, dropRate, dropout);
            _layers.Add(layer);
            register_module($"denselayer{i + 1}", layer);
        }
    }

    public override Tensor forward(Tensor input)
    {
        var features = new List<Tensor>(_layers.Count + 1) { input };
        try
        {
            foreach (DenseLayer layer in _layers)
            {
                // Same memory/compute trade as torchvision's default (memory_efficient=False):
                // each layer re-concatenates.
                using Tensor concatenated = torch.cat(features, 1);
                features.Add(layer.forward(concatenated));
            }
            return torch.cat(features, 1);
        }
        finally
        {
            for (int i = 1; i < features.Count; i++) features[i].Dispose();
        }
    }
}
