using System.Buffers;
using ChestDx.Core.Packs;

namespace ChestDx.Ingest.Pipeline;

/// <summary>
/// What became of one input: a manifest row with its S×S pixels (rented: <see cref="Release"/>), or a rejection.
/// </summary>
public sealed class Outcome
{
    private Outcome(int index, ManifestRecord? record, byte[]? pixels, RejectedInput? rejected)
    {
        Index = index;
        Record = record;
        Pixels = pixels;
        Rejected = rejected;
    }

    public int Index { get; }
    public ManifestRecord? Record { get; }
    public byte[]? Pixels { get; }
    public RejectedInput? Rejected { get; }

    public static Outcome Accept(int index, ManifestRecord record, byte[] pixels) => new(index, record, pixels, null);

    public static Outcome Reject(int index, string source, string reason) =>
        new(index, null, null, new RejectedInput(source, reason));

    public void Release()
    {
        if (Pixels is not null) ArrayPool<byte>.Shared.Return(Pixels);
    }
}
