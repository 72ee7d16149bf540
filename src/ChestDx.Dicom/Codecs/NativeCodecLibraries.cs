using ChestDx.Dicom.Codecs.Jpeg2000;
using ChestDx.Dicom.Codecs.JpegLs;
using ChestDx.Dicom.Codecs.JpegTurbo;
using ChestDx.Dicom.Codecs.Native;
using ChestDx.Dicom.Data;

namespace ChestDx.Dicom.Codecs;

/// <summary>What <see cref="NativeCodecLibraries.Probe"/> found for one optional native codec library.</summary>
/// <param name="Name">Library name, e.g. "CharLS".</param>
/// <param name="TransferSyntaxes">What it decodes, for the user: the family and its UIDs from the registry.</param>
/// <param name="DebianPackage">The package that provides it (apt-get install …).</param>
/// <param name="Found">True when it loaded and exports everything the decoder calls.</param>
/// <param name="LoadedAs">The name the loader resolved (e.g. libcharls.so.2); null when not found.</param>
/// <param name="Path">The file it was mapped from (Linux), when known.</param>
/// <param name="Version">The library's own version string (charls_get_version_string, opj_version), when found.</param>
/// <param name="Problem">
/// Why it is unusable when it loaded but is not suitable (missing export); null otherwise.
/// </param>
public sealed record NativeCodecLibrary(
    string Name,
    string TransferSyntaxes,
    string DebianPackage,
    bool Found,
    string? LoadedAs,
    string? Path,
    string? Version,
    string? Problem);

/// <summary>
/// Which optional native codec libraries this machine has, for `chestdx doctor`: JPEG-LS and JPEG 2000 need
/// one; every other transfer syntax is decoded by managed code. libjpeg-turbo is a faster, exact (libjpeg's IDCT)
/// path for 8-bit grey JPEG, managed code the fallback. Probing loads the libraries (once per process).
/// </summary>
public static class NativeCodecLibraries
{
    public static IReadOnlyList<NativeCodecLibrary> Probe() =>
    [
        Describe("CharLS", $"JPEG-LS ({Uids(PixelCodec.JpegLs)})", CharLs.Package,
            () => CharLs.TryGet() is { } lib ? (lib.LoadedName, lib.Version) : null),
        Describe("OpenJPEG", $"JPEG 2000 ({Uids(PixelCodec.Jpeg2000)})", OpenJpeg.Package,
            () => OpenJpeg.TryGet() is { } lib ? (lib.LoadedName, lib.Version) : null),
        Describe("libjpeg-turbo", $"8-bit grey DCT JPEG ({Uids(PixelCodec.JpegDct)}) and JPEG files, DCT-scaled",
            TurboJpeg.Package, () => TurboJpeg.TryGet() is { } lib ? (lib.LoadedName, null) : null),
    ];

    /// <summary>"UID, UID" of the syntaxes <paramref name="codec"/> decodes, from the registry.</summary>
    private static string Uids(PixelCodec codec) =>
        string.Join(", ", TransferSyntax.DecodedBy(codec).Select(ts => ts.Uid));

    private static NativeCodecLibrary Describe(string name, string syntaxes, string package,
        Func<(string LoadedAs, string? Version)?> load)
    {
        try
        {
            if (load() is not { } found) return new(name, syntaxes, package, false, null, null, null, null);
            return new(name, syntaxes, package, true, found.LoadedAs, NativeLibraryLoader.MappedPath(found.LoadedAs),
                found.Version, null);
        }
        catch (DicomException e)
        {
            // Loaded, but lacks an export the decoder calls (too old, or another library under that name).
            return new(name, syntaxes, package, false, null, null, null, e.Message);
        }
    }
}
