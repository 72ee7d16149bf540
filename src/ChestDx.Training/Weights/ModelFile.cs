using ChestDx.Core.Models;
using ChestDx.Training.Model;

namespace ChestDx.Training.Weights;

/// <summary>Writes a network with its description: the model file (data-manifests/MODEL_FORMAT.md).</summary>
public static class ModelFile
{
    /// <summary>Writes <paramref name="model"/>'s weights with <paramref name="package"/> as metadata.</summary>
    public static void Write(this ModelPackage package, string path, DenseNet model) =>
        SafeTensors.Write(path, ModuleState.Ordered(model), package.ToMetadata());
}
