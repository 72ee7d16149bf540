using System.Collections;
using System.Security.Cryptography;
using ChestDx.Core;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace ChestDx.Training.Weights;

/// <summary>The container formats a weights file can have.</summary>
public enum WeightFileFormat
{
    /// <summary>huggingface safetensors (what ChestDx writes and prefers).</summary>
    SafeTensors,

    /// <summary>
    /// <c>torch.save(state_dict)</c> since PyTorch 1.6: a zip holding data.pkl and one file per storage.
    /// </summary>
    TorchZip,

    /// <summary>
    /// <c>torch.save</c> before PyTorch 1.6 (or with _use_new_zipfile_serialization=False): a bare pickle stream. The
    /// official torchvision densenet121-a639ec97.pth (2017) is one. Needs scripts/convert_torchvision_weights.py.
    /// </summary>
    TorchLegacyPickle,
}

/// <summary>Reads a weights file of any supported format into a <see cref="StateDict"/>.</summary>
public static class WeightFile
{
    public const string ConverterHint =
        "convert it once with scripts/convert_torchvision_weights.py (needs Python with PyTorch) "
        + "and pass the .safetensors file";

    /// <summary>
    /// Tells the format by the first bytes (never by the extension: .pth is used for both torch formats).
    /// </summary>
    public static WeightFileFormat Detect(string path)
    {
        if (!File.Exists(path)) throw ChestDxException.ForFile(path, "weights file not found");
        Span<byte> head = stackalloc byte[9];
        int n;
        using (var s = File.OpenRead(path)) n = s.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        if (n >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4)
            return WeightFileFormat.TorchZip;
        // Pickle protocol 2+ starts with PROTO (0x80); the legacy torch format pickles its magic number first.
        if (n >= 2 && head[0] == 0x80 && head[1] is >= 2 and <= 5) return WeightFileFormat.TorchLegacyPickle;
        if (n == 9 && head[8] == '{') return WeightFileFormat.SafeTensors;
        throw ChestDxException.ForFile(path,
            "not a weights file ChestDx reads (expected safetensors, or a zip-format torch.save state_dict)");
    }

    public static StateDict Read(string path) => Detect(path) switch
    {
        WeightFileFormat.SafeTensors => SafeTensors.Read(path),
        WeightFileFormat.TorchZip => ReadTorchZip(path),
        _ => throw ChestDxException.ForFile(path, $"legacy (pre-1.6, non-zip) PyTorch pickle: {ConverterHint}"),
    };

    /// <summary>SHA-256 of the file, hex; model cards record which weights a run started from.</summary>
    public static string Sha256(string path)
    {
        using var s = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(s));
    }

    /// <summary>
    /// A zip-format torch.save file through TorchSharp.PyBridge's unpickler. Only the unpickler is used, not
    /// <c>load_py</c>: the tensors are copied into the model by <see cref="ModelWeights"/>, which keeps requires_grad
    /// (PyBridge 1.4.4's load_py clears it and ignores its skip list, as measured with that version).
    /// </summary>
    private static StateDict ReadTorchZip(string path)
    {
        Hashtable table;
        try
        {
            using var stream = File.OpenRead(path);
            table = PyTorchUnpickler.UnpickleStateDict(stream);
        }
        catch (Exception e) when (e is NotImplementedException or InvalidCastException or InvalidOperationException
                                      or IOException or InvalidDataException or Razorvine.Pickle.PickleException)
        {
            throw ChestDxException.ForFile(path,
                $"cannot read this torch.save file as a state_dict ({e.Message}"
                + $"); save the model's state_dict(), or {ConverterHint}", e);
        }
        var dict = new StateDict();
        foreach (string key in table.Keys.Cast<object>().Select(k => k.ToString()!).Order(StringComparer.Ordinal))
        {
            if (table[key] is not Tensor t)
                throw ChestDxException.ForFile(path, $"entry '{key}' is not a tensor; expected a plain state_dict");
            dict.Add(key, t);
        }
        return dict;
    }
}
