using ChestDx.Dicom.Codecs;
using ChestDx.Dicom.Codecs.Jpeg2000;
using ChestDx.Dicom.Codecs.JpegLs;

namespace ChestDx.Dicom.Tests.Codecs;

public sealed class NativeCodecLibrariesTests
{
    [Fact]
    public void Probe_lists_both_libraries_with_their_Debian_packages()
    {
        var libraries = NativeCodecLibraries.Probe();

        Assert.Equal(["CharLS", "OpenJPEG"], libraries.Select(l => l.Name));
        Assert.Equal(["libcharls2", "libopenjp2-7"], libraries.Select(l => l.DebianPackage));
        Assert.Equal(JpegLsDecoder.IsAvailable, libraries[0].Found);
        Assert.Equal(Jpeg2000Decoder.IsAvailable, libraries[1].Found);
    }

    [SkippableTheory]
    [InlineData(0, "libcharls.so")]
    [InlineData(1, "libopenjp2.so")]
    public void Found_library_reports_where_it_was_loaded_from_and_its_version(int index, string fileStem)
    {
        var library = NativeCodecLibraries.Probe()[index];
        Skip.IfNot(library.Found, $"{library.Name} is not installed (apt-get install {library.DebianPackage})");

        Assert.StartsWith(fileStem, library.LoadedAs);
        Assert.NotNull(library.Path);
        Assert.True(File.Exists(library.Path), library.Path);
        Assert.Matches(@"^\d+\.\d+\.\d+", library.Version);
        Assert.Null(library.Problem);
    }

    /// <summary>A machine without the libraries: nothing loads, and the error names the package to install.</summary>
    [Fact]
    public void Absent_library_gives_the_install_command()
    {
        string[] absent = ["libchestdx-no-such-codec.so.9"];

        Assert.Null(CharLs.Load(absent));
        Assert.Null(OpenJpeg.Load(absent));
        Assert.Equal(
            "JPEG-LS needs the native CharLS library: apt-get install libcharls2 (libcharls.so.2 was not found)",
            CharLs.Missing().Message);
        Assert.Equal(
            "JPEG 2000 needs the native OpenJPEG library: apt-get install libopenjp2-7 " +
            "(libopenjp2.so.7 was not found)",
            OpenJpeg.Missing().Message);
    }
}
