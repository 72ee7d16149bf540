// MSBuild task: set VER_FLG_WEAK on one Vernaux entry of an ELF64 little-endian shared object.
// Layouts are from the ELF gABI (section headers) and the LSB "Symbol Versioning" chapter (Elf64_Verneed,
// Elf64_Vernaux). The file is rewritten through a temporary file and a rename, so a hard link into the NuGet
// cache is never modified in place and an interrupted build never leaves a half-written library.
// RoslynCodeTaskFactory compiles against .NET Standard without System.Memory, hence arrays rather than spans.
using System;
using System.IO;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

public sealed class ChestDxWeakenGlibcxxVersionNeed : Task
{
    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const ushort VerFlgWeak = 0x2;

    [Required] public ITaskItem[] Files { get; set; } = new ITaskItem[0];
    [Required] public string VersionName { get; set; } = "";

    public override bool Execute()
    {
        foreach (ITaskItem item in Files)
        {
            string path = item.ItemSpec;
            try
            {
                byte[] elf = File.ReadAllBytes(path);
                switch (Weaken(elf, VersionName))
                {
                    case Outcome.Patched:
                        string tmp = path + ".chestdx-patch.tmp";
                        File.WriteAllBytes(tmp, elf);
                        File.Delete(path);
                        File.Move(tmp, path);
                        Log.LogMessage(MessageImportance.High,
                            "ChestDx: marked the " + VersionName + " version need weak in " + path);
                        break;
                    case Outcome.AlreadyWeak:
                        Log.LogMessage(MessageImportance.Low, "ChestDx: " + path + " already patched");
                        break;
                    default:
                        Log.LogMessage(MessageImportance.Low,
                            "ChestDx: " + path + " does not need " + VersionName + "; nothing to patch");
                        break;
                }
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is InvalidDataException)
            {
                Log.LogError("ChestDx: cannot patch " + path + ": " + e.Message);
            }
        }
        return !Log.HasLoggedErrors;
    }

    private enum Outcome { NotNeeded, AlreadyWeak, Patched }

    private static Outcome Weaken(byte[] elf, string versionName)
    {
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
            throw new InvalidDataException("not an ELF file");
        if (elf[4] != 2 || elf[5] != 1)
            throw new InvalidDataException("not a 64-bit little-endian ELF file");

        long shoff = (long)U64(elf, 0x28);
        int shentsize = U16(elf, 0x3A);
        int shnum = U16(elf, 0x3C);
        Outcome outcome = Outcome.NotNeeded;

        for (int i = 0; i < shnum; i++)
        {
            long sh = shoff + (long)i * shentsize;
            if (U32(elf, sh + 4) != ShtGnuVerneed) continue;

            long need = (long)U64(elf, sh + 24);
            uint linkedStrtab = U32(elf, sh + 40);
            uint verneedCount = U32(elf, sh + 44);
            long strtab = (long)U64(elf, shoff + (long)linkedStrtab * shentsize + 24);

            for (uint n = 0; n < verneedCount; n++)
            {
                int auxCount = U16(elf, need + 2);
                long aux = need + U32(elf, need + 8);
                for (int a = 0; a < auxCount; a++)
                {
                    if (ReadCString(elf, strtab + U32(elf, aux + 8)) == versionName)
                    {
                        ushort flags = U16(elf, aux + 4);
                        if ((flags & VerFlgWeak) != 0)
                        {
                            if (outcome == Outcome.NotNeeded) outcome = Outcome.AlreadyWeak;
                        }
                        else
                        {
                            flags |= VerFlgWeak;
                            elf[aux + 4] = (byte)flags;
                            elf[aux + 5] = (byte)(flags >> 8);
                            outcome = Outcome.Patched;
                        }
                    }
                    aux += U32(elf, aux + 12);
                }
                need += U32(elf, need + 12);
            }
        }
        return outcome;
    }

    private static void Check(byte[] b, long offset, int length)
    {
        if (offset < 0 || offset + length > b.Length)
            throw new InvalidDataException("ELF structure at offset " + offset + " runs past the end of the file");
    }

    private static ushort U16(byte[] b, long o) { Check(b, o, 2); return (ushort)(b[o] | b[o + 1] << 8); }

    private static uint U32(byte[] b, long o)
    {
        Check(b, o, 4);
        return (uint)(b[o] | b[o + 1] << 8 | b[o + 2] << 16 | b[o + 3] << 24);
    }

    private static ulong U64(byte[] b, long o) { Check(b, o, 8); return U32(b, o) | (ulong)U32(b, o + 4) << 32; }

    private static string ReadCString(byte[] b, long offset)
    {
        Check(b, offset, 1);
        long end = offset;
        while (end < b.Length && b[end] != 0) end++;
        if (end == b.Length) throw new InvalidDataException("unterminated string in the ELF string table");
        return Encoding.ASCII.GetString(b, (int)offset, (int)(end - offset));
    }
}
