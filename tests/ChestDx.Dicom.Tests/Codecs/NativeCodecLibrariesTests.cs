using ChestDx.Dicom.Codecs;
using ChestDx.Dicom.Codecs.Jpeg2000;
using ChestDx.Dicom.Codecs.JpegLs;
using ChestDx.Dicom.Codecs.JpegTurbo;

namespace ChestDx.Dicom.Tests.Codecs;

public sealed class NativeCodecLibrariesTests
{
    [Fact]
    public void Probe_lists_the_three_libraries_with_their_Debian_packages()
    {
        var libraries = NativeCodecLibraries.Probe();

        Assert.Equal(["CharLS", "OpenJPEG", "libjpeg-turbo"], libraries.Select(l => l.Name));
        Assert.Equal(["libcharls2", "libopenjp2-7", "libturbojpeg0"], libraries.Select(l => l.DebianPackage));
        Assert.Equal(JpegLsDecoder.IsAvailable, libraries[0].Found);
        Assert.Equal(Jpeg2000Decoder.IsAvailable, libraries[1].Found);
        Assert.Equal(TurboJpegDecoder.IsAvailable, libraries[2].Found);
    }

    /// <summary>
    /// The TurboJPEG 2 API has no version call: the probe says where the library is and leaves the version out.
    /// </summary>
    [SkippableFact]
    public void Found_libjpeg_turbo_reports_where_it_was_loaded_from()
    {
        var library = NativeCodecLibraries.Probe()[2];
        Skip.IfNot(library.Found, "libjpeg-turbo is not installed (apt-get install libturbojpeg0)");

        Assert.StartsWith("libturbojpeg.so", library.LoadedAs);
        Assert.True(File.Exists(library.Path), library.Path);
        Assert.Null(library.Version);
        Assert.Null(library.Problem);
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
