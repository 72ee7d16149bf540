using System.Runtime.InteropServices;
using ChestDx.Training.Native;
using Xunit;

namespace ChestDx.Training.Tests.Native;

public sealed partial class OneDnnIsaGuardTests
{
    [Fact]
    public void Vendor_is_read_from_the_first_processor_of_a_cpuinfo_file()
    {
        string path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "processor\t: 0\nvendor_id\t: AuthenticAMD\ncpu family\t: 26\n\n"
                + "processor\t: 1\nvendor_id\t: GenuineIntel\n");
            Assert.Equal("AuthenticAMD", OneDnnIsaGuard.ReadVendor(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Intel_and_unknown_processors_keep_the_widest_kernels()
    {
        Assert.Null(OneDnnIsaGuard.Apply("GenuineIntel"));
        Assert.Null(OneDnnIsaGuard.Apply(null));
    }

    [Fact]
    public void On_an_AMD_processor_the_cap_is_in_the_C_environment_that_oneDNN_reads()
    {
        string? vendor = OneDnnIsaGuard.ReadVendor("/proc/cpuinfo");
        // The module initialiser has run (this test touched the type); the C environment is what oneDNN's getenv sees.
        string? seen = Marshal.PtrToStringUTF8(GetEnv(OneDnnIsaGuard.Variable));
        if (vendor == "AuthenticAMD") Assert.NotNull(seen);
        else Assert.Equal(Environment.GetEnvironmentVariable(OneDnnIsaGuard.Variable), seen);
    }

    [LibraryImport("libc", EntryPoint = "getenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr GetEnv(string name);
}
