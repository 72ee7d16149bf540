using System.Runtime.InteropServices;
using ChestDx.Dicom.Codecs.Native;

namespace ChestDx.Dicom.Codecs.Jpeg2000;

/// <summary>openjpeg.h opj_image_comp_t (OpenJPEG 2.5, x64 layout: data pointer at offset 48).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct OpjImageComponent
{
    public uint Dx, Dy, Width, Height, X0, Y0, Precision, BitsPerPixel, Signed, ResolutionsDecoded, Factor;
    public int* Data;
    public ushort Alpha;
}

/// <summary>openjpeg.h opj_image_t.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct OpjImage
{
    public uint X0, Y0, X1, Y1, ComponentCount;
    public int ColourSpace;
    public OpjImageComponent* Components;
    public byte* IccProfile;
    public uint IccProfileLength;
}

/// <summary>
/// The part of OpenJPEG 2's C API (openjpeg.h, BSD-2, Debian package libopenjp2-7) a decoder needs, bound by
/// function pointers from a library loaded at run time. OPJ_BOOL is int; OPJ_SIZE_T is size_t; OPJ_OFF_T int64.
/// </summary>
internal sealed unsafe class OpenJpeg
{
    public const string Package = "libopenjp2-7";
    public const int CodecJ2k = 0, CodecJp2 = 2;   // OPJ_CODEC_FORMAT
    private static readonly string[] Names = ["libopenjp2.so.7", "libopenjp2.so", "openjp2"];
    private static readonly Lazy<OpenJpeg?> Shared = new(() => Load(Names));

    private OpenJpeg(IntPtr handle, string loadedName)
    {
        LoadedName = loadedName;
        IntPtr Export(string name) => NativeLibraryLoader.Export(handle, name, "OpenJPEG");
        CreateDecompress = (delegate* unmanaged[Cdecl]<int, IntPtr>)Export("opj_create_decompress");
        DestroyCodec = (delegate* unmanaged[Cdecl]<IntPtr, void>)Export("opj_destroy_codec");
        SetDefaultDecoderParameters =
            (delegate* unmanaged[Cdecl]<void*, void>)Export("opj_set_default_decoder_parameters");
        SetupDecoder = (delegate* unmanaged[Cdecl]<IntPtr, void*, int>)Export("opj_setup_decoder");
        SetThreads = (delegate* unmanaged[Cdecl]<IntPtr, int, int>)Export("opj_codec_set_threads");
        SetErrorHandler =
            (delegate* unmanaged[Cdecl]<IntPtr, delegate* unmanaged[Cdecl]<byte*, void*, void>, void*, int>)
            Export("opj_set_error_handler");
        SetWarningHandler =
            (delegate* unmanaged[Cdecl]<IntPtr, delegate* unmanaged[Cdecl]<byte*, void*, void>, void*, int>)
            Export("opj_set_warning_handler");
        StreamCreate = (delegate* unmanaged[Cdecl]<nuint, int, IntPtr>)Export("opj_stream_create");
        StreamDestroy = (delegate* unmanaged[Cdecl]<IntPtr, void>)Export("opj_stream_destroy");
        StreamSetReadFunction =
            (delegate* unmanaged[Cdecl]<IntPtr, delegate* unmanaged[Cdecl]<void*, nuint, void*, nuint>, void>)
            Export("opj_stream_set_read_function");
        StreamSetSkipFunction =
            (delegate* unmanaged[Cdecl]<IntPtr, delegate* unmanaged[Cdecl]<long, void*, long>, void>)
            Export("opj_stream_set_skip_function");
        StreamSetSeekFunction =
            (delegate* unmanaged[Cdecl]<IntPtr, delegate* unmanaged[Cdecl]<long, void*, int>, void>)
            Export("opj_stream_set_seek_function");
        StreamSetUserData = (delegate* unmanaged[Cdecl]<IntPtr, void*, void*, void>)Export("opj_stream_set_user_data");
        StreamSetUserDataLength =
            (delegate* unmanaged[Cdecl]<IntPtr, ulong, void>)Export("opj_stream_set_user_data_length");
        ReadHeader = (delegate* unmanaged[Cdecl]<IntPtr, IntPtr, OpjImage**, int>)Export("opj_read_header");
        Decode = (delegate* unmanaged[Cdecl]<IntPtr, IntPtr, OpjImage*, int>)Export("opj_decode");
        EndDecompress = (delegate* unmanaged[Cdecl]<IntPtr, IntPtr, int>)Export("opj_end_decompress");
        ImageDestroy = (delegate* unmanaged[Cdecl]<OpjImage*, void>)Export("opj_image_destroy");
        _version = (delegate* unmanaged[Cdecl]<byte*>)Export("opj_version");
    }

    public string LoadedName { get; }
    public readonly delegate* unmanaged[Cdecl]<int, IntPtr> CreateDecompress;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, void> DestroyCodec;
    public readonly delegate* unmanaged[Cdecl]<void*, void> SetDefaultDecoderParameters;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, void*, int> SetupDecoder;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, int, int> SetThreads;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, delegate* unmanaged[Cdecl]<byte*, void*, void>, void*, int>
        SetErrorHandler;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, delegate* unmanaged[Cdecl]<byte*, void*, void>, void*, int>
        SetWarningHandler;
    public readonly delegate* unmanaged[Cdecl]<nuint, int, IntPtr> StreamCreate;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, void> StreamDestroy;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, delegate* unmanaged[Cdecl]<void*, nuint, void*, nuint>, void>
        StreamSetReadFunction;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, delegate* unmanaged[Cdecl]<long, void*, long>, void>
        StreamSetSkipFunction;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, delegate* unmanaged[Cdecl]<long, void*, int>, void>
        StreamSetSeekFunction;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, void*, void*, void> StreamSetUserData;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, ulong, void> StreamSetUserDataLength;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, IntPtr, OpjImage**, int> ReadHeader;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, IntPtr, OpjImage*, int> Decode;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, IntPtr, int> EndDecompress;
    public readonly delegate* unmanaged[Cdecl]<OpjImage*, void> ImageDestroy;
    private readonly delegate* unmanaged[Cdecl]<byte*> _version;

    public string Version => Marshal.PtrToStringUTF8((IntPtr)_version()) ?? "";

    /// <summary>The library, or null when it is not installed.</summary>
    public static OpenJpeg? TryGet() => Shared.Value;

    /// <summary>The library, or the error that tells the user which package to install.</summary>
    public static OpenJpeg Get() => Shared.Value ?? throw Missing();

    /// <summary>The error for a machine without the library: what needs it and which package to install.</summary>
    internal static DicomException Missing() => new(
        $"JPEG 2000 needs the native OpenJPEG library: apt-get install {Package} (libopenjp2.so.7 was not found)");

    /// <summary>Loads the library under one of <paramref name="names"/>; null when none is found.</summary>
    internal static OpenJpeg? Load(IEnumerable<string> names) =>
        NativeLibraryLoader.TryLoad(names, out IntPtr handle, out string name) ? new OpenJpeg(handle, name) : null;
}
