using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace ChestDx.Dicom.Codecs.JpegLossless;

/// <summary>
/// The per-frame state of a lossless decode: walks the marker segments (T.81 B.2, B.3), keeps the Huffman tables and
/// restart interval in force, decodes each scan into its component planes and finally lays the planes out as DICOM
/// native pixel data. One instance per frame; <see cref="JpegLosslessDecoder"/> is the stateless front.
/// </summary>
internal sealed class LosslessFrameDecoder
{
    private readonly LosslessHuffmanTable?[] _tables = new LosslessHuffmanTable?[4];

    // One lookahead array per DC table slot, reused when a DHT redefines the slot; AC-class tables (unused by
    // lossless, H.2.2) are checked into one scratch array.
    private readonly int[]?[] _lookahead = new int[]?[4];
    private int[]? _acScratch;
    private readonly FrameInfo _info;
    private LosslessFrameHeader? _frame;
    private int _restartInterval;
    private int _lines;                 // Y from SOF3, or the dataset's Rows when SOF3 defers it to DNL
    private bool[] _decoded = [];
    private ushort[][] _planes = [];    // rented; empty when the single plane is the destination itself

    public LosslessFrameDecoder(FrameInfo info) => _info = info;

    public void Decode(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        try
        {
            DecodeSegments(data, destination);
            WriteOutput(destination);
        }
        finally
        {
            foreach (ushort[] plane in _planes) ArrayPool<ushort>.Shared.Return(plane);
        }
    }

    private void DecodeSegments(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        if (data.Length < 2 || data[0] != 0xFF || data[1] != JpegMarker.Soi)
        {
            JpegLosslessErrors.Corrupt("the frame does not start with an SOI marker (FF D8)", 0);
        }
        int position = 2;
        while (position < data.Length)
        {
            int markerOffset = position;
            byte marker = ReadMarker(data, ref position);
            switch (marker)
            {
                case JpegMarker.Eoi:
                    CheckComplete(markerOffset);
                    return;   // anything after EOI (e.g. the 0x00 pad of an odd-length fragment) is not JPEG data
                case JpegMarker.Sof3:
                    ReadFrameHeader(Segment(data, ref position, markerOffset), markerOffset);
                    break;
                case JpegMarker.Dht:
                    ReadHuffmanTables(Segment(data, ref position, markerOffset), markerOffset);
                    break;
                case JpegMarker.Dri:
                    ReadOnlySpan<byte> dri = Segment(data, ref position, markerOffset);
                    if (dri.Length < 2) JpegLosslessErrors.Corrupt("DRI segment shorter than 2 bytes", markerOffset);
                    _restartInterval = BinaryPrimitives.ReadUInt16BigEndian(dri);
                    break;
                case JpegMarker.Sos:
                    ReadOnlySpan<byte> sos = Segment(data, ref position, markerOffset);
                    position = DecodeScan(data, sos, position, markerOffset, destination);
                    break;
                case JpegMarker.Dnl:
                    ReadNumberOfLines(Segment(data, ref position, markerOffset), markerOffset);
                    break;
                case JpegMarker.Soi:
                    JpegLosslessErrors.Corrupt("a second SOI marker inside the frame", markerOffset);
                    break;
                case JpegMarker.Dac:
                    JpegLosslessErrors.Unsupported("arithmetic coding (DAC marker)", markerOffset);
                    break;
                case JpegMarker.Dhp or JpegMarker.Exp:
                    JpegLosslessErrors.Unsupported("hierarchical mode (DHP/EXP marker)", markerOffset);
                    break;
                case >= JpegMarker.Rst0 and <= JpegMarker.Rst7:
                    JpegLosslessErrors.Corrupt($"restart marker RST{marker - JpegMarker.Rst0} outside a scan",
                        markerOffset);
                    break;
                case 0x01:
                    break;   // TEM: no parameters (T.81 Table B.1)
                default:
                    if (JpegMarker.IsStartOfFrame(marker))
                    {
                        JpegLosslessErrors.Mismatch($"the frame is {JpegMarker.FrameName(marker)}, not SOF3 lossless");
                    }
                    if (marker < 0xC0) JpegLosslessErrors.Corrupt($"reserved marker 0xFF{marker:X2}", markerOffset);
                    // APPn (JFIF/Adobe, which dcmtk writes even into lossless streams), COM, DQT (no use in lossless
                    // mode), JPGn: skip by length.
                    Segment(data, ref position, markerOffset);
                    break;
            }
        }
        // No EOI: accept only when every sample has been decoded, so nothing is guessed.
        CheckComplete(data.Length);
    }

    private void ReadFrameHeader(ReadOnlySpan<byte> body, int offset)
    {
        if (_frame is not null) JpegLosslessErrors.Corrupt("a second frame header in one frame", offset);
        LosslessFrameHeader frame = LosslessFrameHeader.Parse(body, offset);
        if (frame.Precision > _info.BitsAllocated)
        {
            JpegLosslessErrors.Mismatch(
                $"codestream precision P = {frame.Precision} does not fit Bits Allocated {_info.BitsAllocated}");
        }
        if (frame.SamplesPerLine != _info.Columns || (frame.Lines != 0 && frame.Lines != _info.Rows))
        {
            JpegLosslessErrors.Mismatch($"codestream is {frame.SamplesPerLine}×{frame.Lines}"
                + $", dataset says Columns {_info.Columns} × Rows {_info.Rows}");
        }
        if (frame.Components.Length != _info.SamplesPerPixel)
        {
            JpegLosslessErrors.Mismatch($"codestream has {frame.Components.Length}"
                + $" component(s), dataset says Samples per Pixel {_info.SamplesPerPixel}");
        }
        int maxH = frame.Components.Max(c => c.HorizontalSampling);
        int maxV = frame.Components.Max(c => c.VerticalSampling);
        if (frame.Components.Any(c => c.HorizontalSampling != maxH || c.VerticalSampling != maxV))
        {
            JpegLosslessErrors.Unsupported(
                "subsampled components (DICOM native pixel data has every component at full resolution)", offset);
        }
        _frame = frame;
        _lines = frame.Lines == 0 ? _info.Rows : frame.Lines;   // Y = 0: the line count follows in DNL (B.2.5)
        _decoded = new bool[frame.Components.Length];
        bool direct = frame.Components.Length == 1 && _info.BitsAllocated == 16;
        if (!direct)
        {
            int samples = frame.SamplesPerLine * _lines;
            _planes = new ushort[frame.Components.Length][];
            for (int i = 0; i < _planes.Length; i++) _planes[i] = ArrayPool<ushort>.Shared.Rent(samples);
        }
    }

    private int[] Lookahead(int tableClass, int id) => tableClass == 0
        ? _lookahead[id] ??= LosslessHuffmanTable.NewLookahead()
        : _acScratch ??= LosslessHuffmanTable.NewLookahead();

    private void ReadHuffmanTables(ReadOnlySpan<byte> body, int offset)
    {
        while (!body.IsEmpty)
        {
            LosslessHuffmanTable table = LosslessHuffmanTable.Parse(body, offset, Lookahead,
                out int tableClass, out int id, out int used);
            if (tableClass == 0) _tables[id] = table;   // lossless uses the DC-class tables only (H.2.2)
            body = body[used..];
        }
    }

    private void ReadNumberOfLines(ReadOnlySpan<byte> body, int offset)
    {
        if (body.Length < 2) JpegLosslessErrors.Corrupt("DNL segment shorter than 2 bytes", offset);
        int lines = BinaryPrimitives.ReadUInt16BigEndian(body);
        if (_frame is null) JpegLosslessErrors.Corrupt("DNL marker before the frame header", offset);
        if (lines != _lines)
            JpegLosslessErrors.Mismatch($"DNL gives {lines} lines, the frame has {_lines} (dataset Rows {_info.Rows})");
    }

    private int DecodeScan(ReadOnlySpan<byte> data, ReadOnlySpan<byte> body, int start, int offset,
        Span<byte> destination)
    {
        LosslessFrameHeader frame = _frame ?? throw new DicomException(
            $"JPEG lossless codestream: scan before the frame header (at byte {offset} of the frame)")
            { Offset = offset };
        LosslessScanHeader header = LosslessScanHeader.Parse(body, frame, offset);
        var tables = new LosslessHuffmanTable[header.ComponentIndices.Length];
        for (int i = 0; i < tables.Length; i++)
        {
            int component = header.ComponentIndices[i];
            if (_decoded[component])
            {
                JpegLosslessErrors.Corrupt(
                    $"component {frame.Components[component].Id} is coded by a second scan", offset);
            }
            tables[i] = _tables[header.TableIds[i]] ?? throw new DicomException(
                $"JPEG lossless codestream: scan uses Huffman table {header.TableIds[i]}"
                + $", which no DHT segment defined (at byte {offset} of the frame)") { Offset = offset };
            if (header.ComponentIndices.Length > 1
                && (frame.Components[component].HorizontalSampling != 1
                    || frame.Components[component].VerticalSampling != 1))
            {
                JpegLosslessErrors.Unsupported("interleaved scan with sampling factors other than 1×1", offset);
            }
        }

        var scan = new LosslessScanContext(frame, header, tables, _restartInterval, _lines, offset);
        var reader = new EntropyReader(data, start);
        if (header.ComponentIndices.Length == 1)
        {
            LosslessScanDecoder.DecodeSingle(ref reader, scan, Plane(header.ComponentIndices[0], destination));
        }
        else
        {
            ushort[][] planes = header.ComponentIndices.Select(i => _planes[i]).ToArray();
            LosslessScanDecoder.DecodeInterleaved(ref reader, scan, planes);
        }
        int next = reader.FindMarkerAfterSegment("the marker that ends the scan");

        foreach (int component in header.ComponentIndices)
        {
            _decoded[component] = true;
            if (header.PointTransform > 0)
            {
                // Undo the point transform (T.81 H.1.2.3 / H.2.1): the output sample is the decoded value << Pt.
                Span<ushort> plane = Plane(component, destination);
                for (int i = 0; i < plane.Length; i++) plane[i] = (ushort)(plane[i] << header.PointTransform);
            }
        }
        return next;
    }

    private Span<ushort> Plane(int component, Span<byte> destination)
    {
        int samples = _frame!.SamplesPerLine * _lines;
        // Single-component 16-bit frames decode straight into the destination (host order, swapped at the end).
        return _planes.Length == 0
            ? MemoryMarshal.Cast<byte, ushort>(destination)[..samples]
            : _planes[component].AsSpan(0, samples);
    }

    private void CheckComplete(int offset)
    {
        if (_frame is null) JpegLosslessErrors.Corrupt("the data ends without a SOF3 frame header", offset);
        int missing = Array.IndexOf(_decoded, false);
        if (missing >= 0)
        {
            JpegLosslessErrors.Corrupt(
                $"the data ends before component {_frame!.Components[missing].Id} was decoded", offset);
        }
    }

    /// <summary>PS3.5 §8.1: samples little-endian in the Bits Allocated container, colour-by-pixel.</summary>
    private void WriteOutput(Span<byte> destination)
    {
        int samples = _frame!.SamplesPerLine * _lines;
        int count = _frame.Components.Length;
        if (_planes.Length == 0)
        {
            if (!BitConverter.IsLittleEndian)
            {
                BinaryPrimitives.ReverseEndianness(MemoryMarshal.Cast<byte, ushort>(destination),
                    MemoryMarshal.Cast<byte, ushort>(destination));
            }
            return;
        }
        if (_info.BitsAllocated == 8)
        {
            // P ≤ 8 was checked against the container; the cast keeps the low 8 bits as libjpeg's JSAMPLE does.
            for (int c = 0; c < count; c++)
            {
                ReadOnlySpan<ushort> plane = _planes[c].AsSpan(0, samples);
                for (int i = 0; i < samples; i++) destination[i * count + c] = (byte)plane[i];
            }
            return;
        }
        Span<ushort> output = MemoryMarshal.Cast<byte, ushort>(destination);
        for (int c = 0; c < count; c++)
        {
            ReadOnlySpan<ushort> plane = _planes[c].AsSpan(0, samples);
            for (int i = 0; i < samples; i++) output[i * count + c] = plane[i];
        }
        if (!BitConverter.IsLittleEndian) BinaryPrimitives.ReverseEndianness(output, output);
    }

    /// <summary>Reads a marker at <paramref name="position"/>, skipping 0xFF fill bytes (T.81 B.1.1.2).</summary>
    private static byte ReadMarker(ReadOnlySpan<byte> data, ref int position)
    {
        if (data[position] != 0xFF)
        {
            JpegLosslessErrors.Corrupt($"expected a marker, found byte 0x{data[position]:X2}", position);
        }
        while (position < data.Length && data[position] == 0xFF) position++;
        if (position >= data.Length) JpegLosslessErrors.Corrupt("the data ends inside a marker", position);
        return data[position++];
    }

    /// <summary>
    /// The body of the marker segment whose length field is at <paramref name="position"/> (B.1.1.4).
    /// </summary>
    private static ReadOnlySpan<byte> Segment(ReadOnlySpan<byte> data, ref int position, int markerOffset)
    {
        if (position + 2 > data.Length)
            JpegLosslessErrors.Corrupt("the data ends inside a marker segment's length", markerOffset);
        int length = BinaryPrimitives.ReadUInt16BigEndian(data[position..]);
        if (length < 2 || position + length > data.Length)
        {
            JpegLosslessErrors.Corrupt($"marker segment length {length} runs past the end of the data", markerOffset);
        }
        ReadOnlySpan<byte> body = data.Slice(position + 2, length - 2);
        position += length;
        return body;
    }
}
