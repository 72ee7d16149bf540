using ChestDx.Dicom.Data;

namespace ChestDx.Dicom.Parsing;

/// <summary>One decoded element header: tag, VR (<see cref="DicomVR.None"/> when the encoding carries none), value
/// length and how many bytes the header itself took.</summary>
public readonly record struct ElementHeader(DicomTag Tag, DicomVR VR, uint Length, int HeaderLength)
{
    /// <summary>PS3.5 §7.1.1: 0xFFFFFFFF means "undefined length", the value ends at a delimiter.</summary>
    public const uint UndefinedLength = 0xFFFFFFFF;

    public bool IsUndefinedLength => Length == UndefinedLength;
}

/// <summary>Why a header could not be decoded; mapped to a message in one place by the reader.</summary>
public enum HeaderStatus
{
    Ok,

    /// <summary>Fewer bytes than the header needs (8 or 12).</summary>
    NeedMoreData,

    /// <summary>
    /// Explicit VR expected but the two VR bytes are not letters (a file that lies about its syntax).
    /// </summary>
    InvalidVR,
}
