namespace ChestDx.Dicom.Parsing;

/// <summary>
/// Thrown inside the reader when a partial buffer (header scan) ends early; the reader retries with more.
/// </summary>
internal sealed class NeedMoreDataException : Exception;
