using ChestDx.Dicom.Codecs.Rle;
using ChestDx.Dicom.Data;

namespace ChestDx.Dicom.Codecs;

/// <summary>
/// The codec registry: transfer syntax → <see cref="IFrameDecoder"/>. Immutable; <see cref="Default"/> holds every
/// decoder ChestDx ships (each decodes the syntaxes whose <see cref="TransferSyntax.Codec"/> names it), and
/// <see cref="With"/> makes a registry with one more (tests, plug-ins). A syntax with no decoder fails with
/// "unsupported transfer syntax UID (Name)".
/// </summary>
public sealed class FrameDecoders
{
    private readonly Dictionary<string, IFrameDecoder> _byUid;

    public FrameDecoders(IEnumerable<IFrameDecoder> decoders)
    {
        _byUid = new Dictionary<string, IFrameDecoder>(StringComparer.Ordinal);
        foreach (IFrameDecoder decoder in decoders)
            foreach (TransferSyntax syntax in decoder.TransferSyntaxes)
                _byUid[syntax.Uid] = decoder;
    }

    /// <summary>Every decoder ChestDx ships. One line per codec.</summary>
    public static FrameDecoders Default { get; } = new(
    [
        new RleDecoder(),                       // PS3.5 Annex G
        new JpegLossless.JpegLosslessDecoder(), // T.81 Annex H
        new Jpeg.JpegDctDecoder(),              // T.81 DCT
        new JpegLs.JpegLsDecoder(),             // T.87 via libcharls2
        new Jpeg2000.Jpeg2000Decoder(),         // T.800 via libopenjp2-7
    ]);

    public bool TryGet(string transferSyntaxUid, out IFrameDecoder decoder) =>
        _byUid.TryGetValue(transferSyntaxUid, out decoder!);

    /// <summary>
    /// The decoder for <paramref name="syntax"/>, or a <see cref="DicomException"/> naming the syntax.
    /// </summary>
    public IFrameDecoder Get(TransferSyntax syntax, string? path) =>
        _byUid.TryGetValue(syntax.Uid, out IFrameDecoder? decoder)
            ? decoder
            : throw DicomThrowHelper.Create(path, $"unsupported transfer syntax {syntax.Describe()}",
                DicomTags.TransferSyntaxUid);

    /// <summary>
    /// A registry with <paramref name="decoder"/> added (replacing any decoder for the same syntaxes).
    /// </summary>
    public FrameDecoders With(IFrameDecoder decoder) => new(_byUid.Values.Distinct().Append(decoder));
}
