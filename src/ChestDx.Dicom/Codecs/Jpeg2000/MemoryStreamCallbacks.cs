using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ChestDx.Dicom.Codecs.Jpeg2000;

/// <summary>The read position in a pinned frame, handed to OpenJPEG as the stream's user data.</summary>
internal unsafe struct MemorySource
{
    public byte* Data;
    public long Length;
    public long Position;
}

/// <summary>
/// opj_stream_t callbacks over a pinned in-memory frame (openjpeg.h opj_stream_read_fn / skip_fn / seek_fn), as
/// [UnmanagedCallersOnly] functions so no delegate has to be kept alive, and the message handlers that collect
/// OpenJPEG's errors and warnings for the exception text.
/// </summary>
internal static unsafe class MemoryStreamCallbacks
{
    /// <summary>Copies up to <paramref name="count"/> bytes; (size_t)−1 signals the end of the stream.</summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    public static nuint Read(void* buffer, nuint count, void* user)
    {
        var source = (MemorySource*)user;
        long left = source->Length - source->Position;
        if (left <= 0) return nuint.MaxValue;
        long n = Math.Min((long)count, left);
        Buffer.MemoryCopy(source->Data + source->Position, buffer, (long)count, n);
        source->Position += n;
        return (nuint)n;
    }

    /// <summary>Skips forward or back; returns the bytes skipped, or −1 when that leaves the stream.</summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    public static long Skip(long count, void* user)
    {
        var source = (MemorySource*)user;
        long target = source->Position + count;
        if (target < 0 || target > source->Length) return -1;
        source->Position = target;
        return count;
    }

    /// <summary>Moves to an absolute position; OPJ_FALSE (0) when it is outside the stream.</summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    public static int Seek(long position, void* user)
    {
        var source = (MemorySource*)user;
        if (position < 0 || position > source->Length) return 0;
        source->Position = position;
        return 1;
    }

    /// <summary>Collects a message into the <see cref="List{T}"/> whose GCHandle is the client data.</summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    public static void Collect(byte* message, void* client)
    {
        if (GCHandle.FromIntPtr((IntPtr)client).Target is List<string> messages && messages.Count < 20)
        {
            messages.Add((Marshal.PtrToStringUTF8((IntPtr)message) ?? "").Trim());
        }
    }
}
