using System.Runtime.InteropServices;
using ChestDx.Dicom.Codecs.Native;

namespace ChestDx.Dicom.Codecs.JpegLs;

/// <summary>CharLS's charls_frame_info (public_types.h): width, height, bits per sample, component count.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct CharLsFrameInfo
{
    public uint Width;
    public uint Height;
    public int BitsPerSample;
    public int ComponentCount;
}

/// <summary>
/// The part of CharLS 2's C API (charls_jpegls_decoder.h, BSD-3, Debian package libcharls2) a decoder needs, bound
/// by function pointers from a library loaded at run time. Every function returns 0 on success or a
/// charls_jpegls_errc whose text <see cref="ErrorMessage"/> gives. cdecl on every platform ChestDx runs on.
/// </summary>
internal sealed unsafe class CharLs
{
    public const string Package = "libcharls2";
    private static readonly string[] Names = ["libcharls.so.2", "libcharls.so", "charls"];
    private static readonly Lazy<CharLs?> Shared = new(() => Load(Names));

    private CharLs(IntPtr handle, string loadedName)
    {
        LoadedName = loadedName;
        Create = (delegate* unmanaged[Cdecl]<IntPtr>)
            NativeLibraryLoader.Export(handle, "charls_jpegls_decoder_create", "CharLS");
        Destroy = (delegate* unmanaged[Cdecl]<IntPtr, void>)
            NativeLibraryLoader.Export(handle, "charls_jpegls_decoder_destroy", "CharLS");
        SetSourceBuffer = (delegate* unmanaged[Cdecl]<IntPtr, byte*, nuint, int>)
            NativeLibraryLoader.Export(handle, "charls_jpegls_decoder_set_source_buffer", "CharLS");
        ReadHeader = (delegate* unmanaged[Cdecl]<IntPtr, int>)
            NativeLibraryLoader.Export(handle, "charls_jpegls_decoder_read_header", "CharLS");
        GetFrameInfo = (delegate* unmanaged[Cdecl]<IntPtr, CharLsFrameInfo*, int>)
            NativeLibraryLoader.Export(handle, "charls_jpegls_decoder_get_frame_info", "CharLS");
        GetNearLossless = (delegate* unmanaged[Cdecl]<IntPtr, int, int*, int>)
            NativeLibraryLoader.Export(handle, "charls_jpegls_decoder_get_near_lossless", "CharLS");
        GetInterleaveMode = (delegate* unmanaged[Cdecl]<IntPtr, int*, int>)
            NativeLibraryLoader.Export(handle, "charls_jpegls_decoder_get_interleave_mode", "CharLS");
        GetDestinationSize = (delegate* unmanaged[Cdecl]<IntPtr, uint, nuint*, int>)
            NativeLibraryLoader.Export(handle, "charls_jpegls_decoder_get_destination_size", "CharLS");
        DecodeToBuffer = (delegate* unmanaged[Cdecl]<IntPtr, byte*, nuint, uint, int>)
            NativeLibraryLoader.Export(handle, "charls_jpegls_decoder_decode_to_buffer", "CharLS");
        _errorMessage = (delegate* unmanaged[Cdecl]<int, byte*>)
            NativeLibraryLoader.Export(handle, "charls_get_error_message", "CharLS");
        _versionString = (delegate* unmanaged[Cdecl]<byte*>)
            NativeLibraryLoader.Export(handle, "charls_get_version_string", "CharLS");
    }

    public string LoadedName { get; }
    public readonly delegate* unmanaged[Cdecl]<IntPtr> Create;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, void> Destroy;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, byte*, nuint, int> SetSourceBuffer;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, int> ReadHeader;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, CharLsFrameInfo*, int> GetFrameInfo;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, int, int*, int> GetNearLossless;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, int*, int> GetInterleaveMode;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, uint, nuint*, int> GetDestinationSize;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, byte*, nuint, uint, int> DecodeToBuffer;
    private readonly delegate* unmanaged[Cdecl]<int, byte*> _errorMessage;
    private readonly delegate* unmanaged[Cdecl]<byte*> _versionString;

    /// <summary>The library, or null when it is not installed.</summary>
    public static CharLs? TryGet() => Shared.Value;

    /// <summary>The library, or the error that tells the user which package to install.</summary>
    public static CharLs Get() => Shared.Value ?? throw Missing();

    /// <summary>The error for a machine without the library: what needs it and which package to install.</summary>
    internal static DicomException Missing() => new(
        $"JPEG-LS needs the native CharLS library: apt-get install {Package} (libcharls.so.2 was not found)");

    public string Version => Marshal.PtrToStringUTF8((IntPtr)_versionString()) ?? "";

    public string ErrorMessage(int code) => Marshal.PtrToStringUTF8((IntPtr)_errorMessage(code)) ?? $"error {code}";

    /// <summary>Loads the library under one of <paramref name="names"/>; null when none is found.</summary>
    internal static CharLs? Load(IEnumerable<string> names) =>
        NativeLibraryLoader.TryLoad(names, out IntPtr handle, out string name) ? new CharLs(handle, name) : null;
}
