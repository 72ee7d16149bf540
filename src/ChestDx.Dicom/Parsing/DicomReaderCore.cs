using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using ChestDx.Dicom.Data;

namespace ChestDx.Dicom.Parsing;

/// <summary>
/// Per-file parse state behind the stateless <see cref="DicomReader"/>: the buffer, the position, the warnings.
/// Reads PS3.10 framing (preamble, "DICM", file meta), then the data set in the transfer syntax's encoding, with
/// nested sequences and encapsulated pixel data. One instance reads one file once.
/// </summary>
internal sealed class DicomReaderCore
{
    private readonly string? _path;
    private readonly DicomReaderOptions _options;
    private readonly bool _bufferIsWholeFile;
    private readonly List<DicomWarning> _warnings = [];
    private int _droppedWarnings;
    private ReadOnlyMemory<byte> _data;
    private bool _inflated;
    private long _inflatedBase;

    public DicomReaderCore(string? path, DicomReaderOptions options, ReadOnlyMemory<byte> data, bool bufferIsWholeFile)
    {
        _path = path;
        _options = options;
        _data = data;
        _bufferIsWholeFile = bufferIsWholeFile;
    }

    private bool Strict => _options.Strictness == DicomStrictness.Strict;

    public DicomFile Read()
    {
        ReadOnlySpan<byte> span = _data.Span;
        int pos = 0;
        bool hasPreamble = false;

        // PS3.10 §7.1: 128-byte preamble, then "DICM". Files without them (bare data sets, ACR-NEMA style exports)
        // are sniffed, as dcmtk, pydicom and fo-dicom do.
        if (span.Length >= 132 && span.Slice(128, 4).SequenceEqual("DICM"u8))
        {
            hasPreamble = true;
            pos = 132;
        }
        else if (span.Length >= 4 && span[..4].SequenceEqual("DICM"u8))
        {
            Warn("\"DICM\" prefix without the 128-byte preamble", null, 0);
            pos = 4;
        }
        else if (span.Length < 8)
        {
            NeedMoreOr(0, null, "file is too short to be DICOM");
        }
        else
        {
            Warn("no 128-byte preamble and \"DICM\" prefix (PS3.10 §7.1); data sniffed", null, 0);
        }

        // PS3.10 §7.1: the meta group is always Explicit VR Little Endian. It ends where group 0002 ends; its group
        // length (0002,0000) is not trusted (dcmtk -ml exists because writers get it wrong).
        var meta = new DicomDataset();
        if (span.Length - pos >= 8 && BinaryPrimitives.ReadUInt16LittleEndian(span[pos..]) == 0x0002)
        {
            DicomEncoding metaEncoding = SniffEncoding(span[pos..]);
            if (metaEncoding != DicomEncoding.ExplicitLittleEndian)
                Warn($"file meta information is encoded {metaEncoding}, not explicit VR little endian (PS3.10 §7.1)",
                    null, pos);
            pos = ParseElements(meta, pos, span.Length, metaEncoding, depth: 0, ElementScope.MetaGroup);
        }
        else if (hasPreamble)
        {
            Warn("no file meta information group after \"DICM\" (PS3.10 §7.1)", null, pos);
        }

        TransferSyntax syntax = ResolveTransferSyntax(meta, span, pos);

        int datasetStart = pos;
        if (syntax.IsDeflated)
        {
            _data = Inflate(_data[pos..]);
            _inflated = true;
            _inflatedBase = pos;
            datasetStart = 0;
        }

        var dataset = new DicomDataset();
        var encoding = new DicomEncoding(syntax.IsExplicitVR, syntax.IsBigEndian);
        ParseElements(dataset, datasetStart, _data.Length, encoding, depth: 0, ElementScope.TopLevel);
        if (meta.Count == 0 && dataset.Count == 0)
            Fail("no DICOM data elements found: not a DICOM file", null, 0);
        if (_droppedWarnings > 0)
            _warnings.Add(new DicomWarning($"{_droppedWarnings} further warning(s) not recorded"));
        return new DicomFile(_path, hasPreamble, meta, dataset, syntax, _warnings, _options);
    }

    private TransferSyntax ResolveTransferSyntax(DicomDataset meta, ReadOnlySpan<byte> span, int pos)
    {
        string? uid = meta.GetString(DicomTags.TransferSyntaxUid)?.TrimEnd('\0', ' ');
        if (uid is not null)
        {
            TransferSyntax declared = TransferSyntax.Lookup(uid);
            if (declared.IsDeflated || span.Length - pos < 8) return declared;
            // A file whose first data set element contradicts its declared VR encoding is read as what it is
            // (dcmtk and pydicom do the same), with a warning.
            DicomEncoding actual = SniffEncoding(span[pos..]);
            if (declared.IsExplicitVR != actual.ExplicitVR || declared.IsBigEndian != actual.BigEndian)
            {
                Complain($"transfer syntax {declared.Describe()} declared but the data set is {actual}"
                    + $"; read as {actual}", DicomTags.TransferSyntaxUid, pos);
                return declared.WithEncoding(actual.ExplicitVR, actual.BigEndian);
            }
            return declared;
        }

        // No transfer syntax (PS3.10 §7.1 requires one, some exports omit it): infer the encoding from the first
        // element, as pydicom does.
        if (span.Length - pos < 8) return TransferSyntax.ImplicitVRLittleEndian;
        DicomEncoding sniffed = SniffEncoding(span[pos..]);
        TransferSyntax inferred = sniffed.BigEndian ? TransferSyntax.ExplicitVRBigEndian
            : sniffed.ExplicitVR ? TransferSyntax.ExplicitVRLittleEndian : TransferSyntax.ImplicitVRLittleEndian;
        Complain($"no Transfer Syntax UID (0002,0010); data set read as {inferred.Describe()}",
            DicomTags.TransferSyntaxUid, pos);
        return inferred;
    }

    /// <summary>
    /// Guesses the encoding of the element at the start of <paramref name="s"/> (as fo-dicom and pydicom sniff a file
    /// without preamble or meta; PS3.5 §7.1 for the two element header forms): a group that
    /// is small read big endian but large read little endian means big endian; two upper-case letters where the VR
    /// would be that form a known VR mean explicit VR.
    /// </summary>
    internal static DicomEncoding SniffEncoding(ReadOnlySpan<byte> s)
    {
        if (s.Length < 8) return DicomEncoding.ImplicitLittleEndian;
        ushort groupLe = BinaryPrimitives.ReadUInt16LittleEndian(s);
        ushort groupBe = BinaryPrimitives.ReadUInt16BigEndian(s);
        bool bigEndian = groupLe > 0x00FF && groupBe <= 0x00FF && groupBe != 0;
        bool explicitVr = new DicomVR(s[4], s[5]).IsKnown;
        // Implicit VR big endian does not exist (PS3.5 §10); a big-endian guess implies explicit VR.
        return new DicomEncoding(explicitVr || bigEndian, bigEndian);
    }

    private enum ElementScope
    {
        TopLevel,
        MetaGroup,
        DefinedItem,
        UndefinedItem,
    }

    /// <summary>
    /// Reads elements from <paramref name="pos"/> up to <paramref name="end"/> (defined length) or to an Item
    /// Delimitation Item (undefined-length item), adding them to <paramref name="target"/>. Returns the position after
    /// the last byte consumed.
    /// </summary>
    private int ParseElements(DicomDataset target, int pos, int end, DicomEncoding encoding, int depth,
        ElementScope scope)
    {
        ReadOnlySpan<byte> span = _data.Span;
        while (pos < end)
        {
            if (scope == ElementScope.MetaGroup &&
                (end - pos < 2 || BinaryPrimitives.ReadUInt16LittleEndian(span[pos..]) != 0x0002))
                return pos;

            HeaderStatus status = DicomElementDecoder.TryReadHeader(span[pos..end], encoding, out ElementHeader header);
            if (status == HeaderStatus.NeedMoreData)
            {
                if (scope is ElementScope.TopLevel && _bufferIsWholeFile && IsAllZero(span[pos..end]))
                {
                    Complain($"{end - pos} trailing padding byte(s) after the data set ignored", null, pos);
                    return end;
                }
                NeedMoreOr(pos, null, $"element header truncated: {end - pos} byte(s) left, a header needs 8 or 12");
            }
            if (status == HeaderStatus.InvalidVR)
            {
                // A file that says explicit VR but writes this element implicitly (seen with private tags and
                // broken converters): dcmtk and pydicom fall back to implicit VR for the element.
                var vrBytes = new DicomVR(span[pos + 4], span[pos + 5]);
                Complain($"VR bytes {vrBytes} are not a VR in an explicit VR data set; element read as implicit VR",
                    null, pos);
                DicomElementDecoder.TryReadHeader(span[pos..end], encoding with { ExplicitVR = false }, out header);
            }

            DicomTag tag = header.Tag;
            if (tag == DicomElementDecoder.ItemDelimiter)
            {
                if (scope == ElementScope.UndefinedItem) return pos + 8;
                Complain("Item Delimitation Item outside an undefined-length item ignored", tag, pos);
                pos += 8;
                continue;
            }
            if (tag == DicomElementDecoder.SequenceDelimiter)
            {
                if (scope == ElementScope.UndefinedItem)
                {
                    // The item's own delimiter is missing; the sequence's ends it.
                    Complain("item ended by a Sequence Delimitation Item without its Item Delimitation Item", tag, pos);
                    return pos;
                }
                Complain("Sequence Delimitation Item outside a sequence ignored", tag, pos);
                pos += 8;
                continue;
            }
            if (tag == DicomElementDecoder.Item)
                Fail($"Item tag where a data element was expected"
                    + $"{(scope == ElementScope.TopLevel ? " in the data set" : "")}", tag, pos);
            if (scope == ElementScope.TopLevel && tag.Value == 0 && header.Length == 0
                && _bufferIsWholeFile && IsAllZero(span[pos..end]))
            {
                Complain($"{end - pos} trailing zero byte(s) after the data set ignored", null, pos);
                return end;
            }
            if (scope == ElementScope.TopLevel && _options.StopBeforePixels && tag.Group == 0x7FE0)
                return pos;

            pos = ReadElement(target, header, pos, end, encoding, depth, scope);
        }
        if (scope == ElementScope.UndefinedItem)
            NeedMoreOr(pos, null, "item without an Item Delimitation Item before the end of its container");
        // A header scan's partial buffer ended before Pixel Data: the rest of the header may follow.
        if (scope == ElementScope.TopLevel && !_bufferIsWholeFile) throw new NeedMoreDataException();
        return pos;
    }

    private int ReadElement(DicomDataset target, ElementHeader header, int pos, int end, DicomEncoding encoding,
        int depth, ElementScope scope)
    {
        ReadOnlySpan<byte> span = _data.Span;
        DicomTag tag = header.Tag;
        DicomVR vr = header.VR == DicomVR.None ? ImplicitVRDictionary.Lookup(tag) : header.VR;
        int valueStart = pos + header.HeaderLength;
        DicomElement element;
        int next;

        if (header.IsUndefinedLength)
        {
            if (tag == DicomTags.PixelData && vr != DicomVR.SQ && vr != DicomVR.UN)
            {
                // PS3.5 §A.4: encapsulated Pixel Data is an undefined-length OB of items.
                (EncapsulatedFragments fragments, next) = ParseEncapsulated(valueStart, end, encoding.BigEndian, tag);
                element = new DicomElement(tag, vr == DicomVR.None ? DicomVR.OB : vr, pos, encoding.BigEndian, default,
                    fragments: fragments, undefinedLength: true);
            }
            else
            {
                DicomEncoding itemEncoding = encoding;
                if (vr == DicomVR.UN)
                {
                    // CP-246 (PS3.5 §6.2.2 Note): an undefined-length UN is a sequence encoded implicit VR little
                    // endian.
                    itemEncoding = DicomEncoding.ImplicitLittleEndian;
                    vr = DicomVR.SQ;
                }
                else if (vr != DicomVR.SQ)
                {
                    // Implicit VR: an undefined length can only be a sequence (PS3.5 §7.5). In explicit VR another VR
                    // with undefined length is an error dcmtk tolerates the same way.
                    if (vr != DicomVR.None && encoding.ExplicitVR)
                        Complain($"undefined length on VR {vr}; read as a sequence", tag, pos);
                    vr = DicomVR.SQ;
                }
                (IReadOnlyList<DicomDataset> items, next) = ParseSequence(valueStart, end, undefinedLength: true,
                    itemEncoding, depth + 1, tag, pos, target.CharacterSet);
                element = new DicomElement(tag, vr, pos, encoding.BigEndian, default, items: items,
                    undefinedLength: true);
            }
        }
        else
        {
            long valueEnd = (long)valueStart + header.Length;
            if (valueEnd > end)
            {
                bool lastTopLevelPixelData =
                    scope == ElementScope.TopLevel && tag == DicomTags.PixelData && end == _data.Length;
                if (!_bufferIsWholeFile && end == _data.Length)
                    throw new NeedMoreDataException();
                string container = scope is ElementScope.TopLevel or ElementScope.MetaGroup ? "the file" : "its item";
                string problem = $"value length {header.Length} runs past the end of {container}"
                    + $" ({end - valueStart} byte(s) left)";
                if (!lastTopLevelPixelData || Strict) Fail(problem, tag, pos);
                Warn(problem + "; Pixel Data kept truncated", tag, pos);
                valueEnd = end;
            }
            int length = (int)(valueEnd - valueStart);
            if ((header.Length & 1) != 0)
                Complain($"odd value length {header.Length} (PS3.5 §7.1.1 requires even lengths)", tag, pos);

            if (vr == DicomVR.SQ
                || (vr == DicomVR.None && LooksLikeSequence(span.Slice(valueStart, length), encoding.BigEndian)))
            {
                (IReadOnlyList<DicomDataset> items, _) = ParseSequence(valueStart, valueStart + length,
                    undefinedLength: false, encoding, depth + 1, tag, pos, target.CharacterSet);
                element = new DicomElement(tag, DicomVR.SQ, pos, encoding.BigEndian, default, items: items);
            }
            else
            {
                element = new DicomElement(tag, vr == DicomVR.None ? DicomVR.UN : vr, pos, encoding.BigEndian,
                    _data.Slice(valueStart, length));
            }
            next = valueStart + length;
        }

        if (!target.Add(element))
            Complain("duplicate element; the first one is kept", tag, pos);
        else if (tag == DicomTags.SpecificCharacterSet)
            target.CharacterSet = CharacterSets.Resolve(target.GetStrings(tag), msg => Warn(msg, tag, pos));
        return next;
    }

    /// <summary>
    /// dicomParser's heuristic for unknown implicit VR elements: a value that starts with an Item tag is a sequence.
    /// </summary>
    private static bool LooksLikeSequence(ReadOnlySpan<byte> value, bool bigEndian) =>
        value.Length >= 8 && DicomElementDecoder.PeekTag(value, bigEndian) == DicomElementDecoder.Item;

    /// <summary>PS3.5 §7.5: a sequence is Items, each of defined length or ended by an Item Delimitation Item; an
    /// undefined-length sequence ends with a Sequence Delimitation Item.</summary>
    private (IReadOnlyList<DicomDataset> Items, int Next) ParseSequence(int pos, int end, bool undefinedLength,
        DicomEncoding encoding, int depth, DicomTag sequenceTag, long sequenceOffset, Encoding characterSet)
    {
        if (depth > _options.MaxSequenceDepth)
            Fail($"sequences nested deeper than {_options.MaxSequenceDepth}", sequenceTag, sequenceOffset);
        ReadOnlySpan<byte> span = _data.Span;
        var items = new List<DicomDataset>();
        while (true)
        {
            if (pos >= end)
            {
                if (!undefinedLength) return (items, pos);
                NeedMoreOr(pos, sequenceTag,
                    "sequence without a Sequence Delimitation Item before the end of its container");
                return (items, pos);
            }
            if (end - pos < 8) NeedMoreOr(pos, sequenceTag, "item header truncated");
            DicomElementDecoder.TryReadHeader(span[pos..end], encoding, out ElementHeader item);
            if (item.Tag == DicomElementDecoder.SequenceDelimiter)
            {
                if (!undefinedLength)
                    Complain("Sequence Delimitation Item in a defined-length sequence", item.Tag, pos);
                return (items, pos + 8);
            }
            if (item.Tag != DicomElementDecoder.Item)
                Fail($"expected an Item (FFFE,E000) in sequence {sequenceTag} but found {item.Tag}", item.Tag, pos);

            var dataset = new DicomDataset(characterSet);
            int itemStart = pos + 8;
            if (item.IsUndefinedLength)
            {
                pos = ParseElements(dataset, itemStart, end, encoding, depth, ElementScope.UndefinedItem);
            }
            else
            {
                long itemEnd = (long)itemStart + item.Length;
                if (itemEnd > end)
                {
                    if (!_bufferIsWholeFile && end == _data.Length) throw new NeedMoreDataException();
                    Fail($"item length {item.Length} runs past the end of sequence {sequenceTag}", item.Tag, pos);
                }
                pos = ParseElements(dataset, itemStart, (int)itemEnd, encoding, depth, ElementScope.DefinedItem);
            }
            items.Add(dataset);
        }
    }

    /// <summary>PS3.5 §A.4: encapsulated Pixel Data is a Basic Offset Table item, then one item per fragment (all of
    /// defined length), then a Sequence Delimitation Item.</summary>
    private (EncapsulatedFragments Fragments, int Next) ParseEncapsulated(int pos, int end, bool bigEndian,
        DicomTag tag)
    {
        ReadOnlySpan<byte> span = _data.Span;
        ReadOnlyMemory<byte> offsetTable = default;
        var fragments = new List<EncapsulatedFragment>();
        int firstFragment = -1;
        bool first = true;
        while (true)
        {
            if (end - pos < 8)
            {
                if (!_bufferIsWholeFile) throw new NeedMoreDataException();
                if (first) Fail("encapsulated Pixel Data has no Basic Offset Table item (PS3.5 §A.4)", tag, pos);
                Complain("encapsulated Pixel Data ends without a Sequence Delimitation Item", tag, pos);
                return (new EncapsulatedFragments(offsetTable, fragments), end);
            }
            DicomElementDecoder.TryReadHeader(span[pos..end], new DicomEncoding(false, bigEndian),
                out ElementHeader item);
            if (item.Tag == DicomElementDecoder.SequenceDelimiter)
            {
                if (first) Fail("encapsulated Pixel Data has no Basic Offset Table item (PS3.5 §A.4)", tag, pos);
                return (new EncapsulatedFragments(offsetTable, fragments), pos + 8);
            }
            if (item.Tag != DicomElementDecoder.Item)
                Fail($"expected a fragment Item (FFFE,E000) in encapsulated Pixel Data but found {item.Tag}", tag, pos);
            if (item.IsUndefinedLength)
                Fail("fragment Item with undefined length in encapsulated Pixel Data"
                    + " (PS3.5 §A.4 requires defined lengths)", tag, pos);
            long valueEnd = (long)pos + 8 + item.Length;
            if (valueEnd > end)
            {
                if (!_bufferIsWholeFile) throw new NeedMoreDataException();
                Fail($"fragment length {item.Length} runs past the end of the file ({end - pos - 8} byte(s) left)",
                    tag, pos);
            }
            ReadOnlyMemory<byte> value = _data.Slice(pos + 8, (int)item.Length);
            if (first)
            {
                offsetTable = value;
                first = false;
            }
            else
            {
                if (firstFragment < 0) firstFragment = pos;
                fragments.Add(new EncapsulatedFragment(pos - firstFragment, value));
            }
            pos = (int)valueEnd;
        }
    }

    private ReadOnlyMemory<byte> Inflate(ReadOnlyMemory<byte> compressed)
    {
        if (!_bufferIsWholeFile) throw new NeedMoreDataException();
        ReadOnlySpan<byte> s = compressed.Span;
        // PS3.5 §A.5 specifies raw RFC 1951 deflate; some writers add a zlib header (RFC 1950), which dcmtk
        // accepts (+bz), so a valid zlib header selects the zlib decoder.
        bool zlib = s.Length >= 2 && (s[0] & 0x0F) == 8 && (s[0] >> 4) <= 7 && ((s[0] << 8) | s[1]) % 31 == 0;
        if (zlib) Warn("deflated data set has a zlib header (PS3.5 §A.5 specifies raw deflate)", null, _inflatedBase);
        try
        {
            using var input = new MemoryStream(compressed.ToArray(), writable: false);
            using Stream inflater = zlib
                ? new ZLibStream(input, CompressionMode.Decompress)
                : new DeflateStream(input, CompressionMode.Decompress);
            using var output = new MemoryStream();
            byte[] buffer = new byte[1 << 16];
            int read;
            while ((read = inflater.Read(buffer, 0, buffer.Length)) > 0)
            {
                if (output.Length + read > _options.MaxInflatedBytes)
                    Fail($"deflated data set inflates to more than {_options.MaxInflatedBytes}"
                        + $" bytes (MaxInflatedBytes)", null, _inflatedBase);
                output.Write(buffer, 0, read);
            }
            return output.GetBuffer().AsMemory(0, (int)output.Length);
        }
        // DeflateStream reports a corrupt stream as InvalidDataException, zlib's own errors (a bad block that zlib
        // reports as Z_DATA_ERROR in some states, e.g. a distance too far back) as ZLibException, an IOException;
        // the input is in memory, so either is the data's fault (found by fuzzing: tests/data/fuzz-regressions).
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            throw DicomThrowHelper.Create(_path, $"deflated data set is corrupt: {e.Message}", null, _inflatedBase,
                inner: e);
        }
    }

    private static bool IsAllZero(ReadOnlySpan<byte> s) => !s.ContainsAnyExcept((byte)0);

    /// <summary>
    /// The buffer ended: with a partial buffer (header scan) ask for more, else the file is truncated.
    /// </summary>
    private void NeedMoreOr(long offset, DicomTag? tag, string problem)
    {
        if (!_bufferIsWholeFile) throw new NeedMoreDataException();
        Fail(problem, tag, offset);
    }

    /// <summary>A deviation lenient mode tolerates with a warning and strict mode rejects.</summary>
    private void Complain(string problem, DicomTag? tag, long offset)
    {
        if (Strict) Fail(problem, tag, offset);
        Warn(problem, tag, offset);
    }

    private void Warn(string problem, DicomTag? tag, long offset)
    {
        if (_warnings.Count >= _options.MaxWarnings)
        {
            _droppedWarnings++;
            return;
        }
        _warnings.Add(new DicomWarning(problem, tag, offset, _inflated));
    }

    private void Fail(string problem, DicomTag? tag, long offset) =>
        DicomThrowHelper.Throw(_path, problem, tag, offset, _inflated);
}
