using System.Runtime.CompilerServices;

// The codec tests exercise the native loaders with library names that do not exist.
[assembly: InternalsVisibleTo("ChestDx.Dicom.Tests")]
