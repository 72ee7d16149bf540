using System.Runtime.InteropServices;
using ChestDx.Dicom.Codecs.Native;

namespace ChestDx.Dicom.Codecs.JpegTurbo;

/// <summary>
/// The part of libjpeg-turbo's TurboJPEG 2.x C API (turbojpeg.h, BSD-style licence, Debian package libturbojpeg0) a
/// decoder needs, bound by function pointers from a library loaded at run time. Functions return 0 on success or −1,
/// with the handle's error text in <see cref="ErrorText"/>. cdecl on every platform ChestDx runs on.
/// </summary>
internal sealed unsafe class TurboJpeg
{
    public const string Package = "libturbojpeg0";

    /// <summary>TJPF_GRAY: one 8-bit sample per pixel (turbojpeg.h enum TJPF).</summary>
    public const int PixelFormatGrey = 6;

    /// <summary>TJCS_GRAY (turbojpeg.h enum TJCS): the codestream has one component.</summary>
    public const int ColourspaceGrey = 2;

    private static readonly string[] Names = ["libturbojpeg.so.0", "libturbojpeg.so", "turbojpeg"];
    private static readonly Lazy<TurboJpeg?> Shared = new(() => Load(Names));

    private TurboJpeg(IntPtr handle, string loadedName)
    {
        LoadedName = loadedName;
        InitDecompress = (delegate* unmanaged[Cdecl]<IntPtr>)Export(handle, "tjInitDecompress");
        DecompressHeader3 = (delegate* unmanaged[Cdecl]<IntPtr, byte*, nuint, int*, int*, int*, int*, int>)
            Export(handle, "tjDecompressHeader3");
        Decompress2 = (delegate* unmanaged[Cdecl]<IntPtr, byte*, nuint, byte*, int, int, int, int, int, int>)
            Export(handle, "tjDecompress2");
        Destroy = (delegate* unmanaged[Cdecl]<IntPtr, int>)Export(handle, "tjDestroy");
        _errorText = (delegate* unmanaged[Cdecl]<IntPtr, byte*>)Export(handle, "tjGetErrorStr2");
        var getFactors = (delegate* unmanaged[Cdecl]<int*, ScalingFactor*>)Export(handle, "tjGetScalingFactors");
        int count;
        ScalingFactor* factors = getFactors(&count);
        ScalingFactors = factors == null ? [] : new ReadOnlySpan<ScalingFactor>(factors, count).ToArray();
    }

    public string LoadedName { get; }

    /// <summary>The DCT-domain scaling factors the library supports (tjGetScalingFactors), e.g. 1/8 … 2/1.</summary>
    public IReadOnlyList<ScalingFactor> ScalingFactors { get; }

    public readonly delegate* unmanaged[Cdecl]<IntPtr> InitDecompress;

    /// <summary>(handle, jpegBuf, jpegSize, *width, *height, *jpegSubsamp, *jpegColorspace).</summary>
    public readonly delegate* unmanaged[Cdecl]<IntPtr, byte*, nuint, int*, int*, int*, int*, int> DecompressHeader3;

    /// <summary>(handle, jpegBuf, jpegSize, dstBuf, width, pitch, height, pixelFormat, flags).</summary>
    public readonly delegate* unmanaged[Cdecl]<IntPtr, byte*, nuint, byte*, int, int, int, int, int, int> Decompress2;

    public readonly delegate* unmanaged[Cdecl]<IntPtr, int> Destroy;

    private readonly delegate* unmanaged[Cdecl]<IntPtr, byte*> _errorText;

    /// <summary>The library, or null when it is not installed.</summary>
    public static TurboJpeg? TryGet() => Shared.Value;

    public string ErrorText(IntPtr handle) => Marshal.PtrToStringUTF8((IntPtr)_errorText(handle)) ?? "unknown error";

    /// <summary>Loads the library under one of <paramref name="names"/>; null when none is found.</summary>
    internal static TurboJpeg? Load(IEnumerable<string> names) =>
        NativeLibraryLoader.TryLoad(names, out IntPtr handle, out string name) ? new TurboJpeg(handle, name) : null;

    private static IntPtr Export(IntPtr handle, string name) =>
        NativeLibraryLoader.Export(handle, name, "libjpeg-turbo");
}

/// <summary>tjscalingfactor: a DCT-domain scale num/denom.</summary>
[StructLayout(LayoutKind.Sequential)]
public readonly record struct ScalingFactor(int Num, int Denom)
{
    /// <summary>TJSCALED: the side <paramref name="side"/> becomes at this scale (rounded up).</summary>
    public int Scale(int side) => (int)(((long)side * Num + Denom - 1) / Denom);

    public override string ToString() => $"{Num}/{Denom}";
}
