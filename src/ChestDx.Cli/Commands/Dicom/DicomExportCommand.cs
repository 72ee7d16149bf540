using System.CommandLine;
using ChestDx.Cli.Infrastructure;
using ChestDx.Core;
using ChestDx.Core.IO;
using ChestDx.Dicom;
using ChestDx.Dicom.Imaging;
using ChestDx.Dicom.Pixels;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using Spectre.Console;

namespace ChestDx.Cli.Commands.Dicom;

/// <summary>
/// `chestdx dicom export FILE --out OUT.raw|OUT.png`: one frame's stored values exactly as dcmtk's `dcmdump +W`
/// writes them after decompression (.raw), or the frame rendered through the grey pipeline (.png). Written atomically.
/// </summary>
internal static class DicomExportCommand
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("FILE") { Description = "DICOM file to export from." };
        var output = new Option<string>("--out")
        {
            Description = "OUT.raw: the frame's decoded stored values (Bits Allocated container, little endian, " +
                          "no masking, no sign extension, no LUT: dcmdump +W after decompression). " +
                          "OUT.png: the rendered greyscale frame.",
            Required = true,
        };
        var frame = new Option<int>("--frame")
        {
            Description = "Frame number, 1-based (like dcmj2pnm +F).", DefaultValueFactory = _ => 1,
        };
        var window = new Option<string?>("--window")
        {
            Description = "Explicit VOI window C,W in modality units (.png only).",
        };
        var voi = new Option<string?>("--voi") { Description = VoiOption.VoiHelp + " (.png only)" };
        var bits = new Option<int>("--bits") { Description = "PNG bit depth: 8 or 16.", DefaultValueFactory = _ => 8 };
        var command = new Command("export", "Export one frame of a DICOM file as raw stored values or a rendered PNG.")
        {
            file, output, frame, window, voi, bits,
        };
        context.SetHandler(command, (parse, _) =>
        {
            string path = parse.GetValue(file)!;
            string outPath = parse.GetValue(output)!;
            int frameNumber = parse.GetValue(frame);
            string extension = Path.GetExtension(outPath).ToLowerInvariant();
            if (extension is not (".raw" or ".png"))
                throw new ChestDxException($"--out {outPath}: the file name must end in .raw or .png");
            if (frameNumber < 1) throw new ChestDxException($"--frame {frameNumber}: frames are numbered from 1");
            int bitDepth = parse.GetValue(bits);
            if (bitDepth is not (8 or 16)) throw new ChestDxException($"--bits {bitDepth}: must be 8 or 16");
            string? windowText = parse.GetValue(window), voiText = parse.GetValue(voi);
            if (extension == ".raw" && (windowText is not null || voiText is not null || bitDepth != 8))
                throw new ChestDxException(
                    "--window, --voi and --bits apply to .png output; .raw holds the stored values");

            DicomFile dicom = DicomReader.ReadFile(path);
            DicomPixelData pixels = dicom.GetPixelData();
            if (frameNumber > pixels.FrameCount)
                throw ChestDxException.ForFile(path,
                    $"--frame {frameNumber}: the file has {pixels.FrameCount} frame(s)");

            if (extension == ".raw")
            {
                AtomicFile.WriteAllBytes(outPath, pixels.DecodeRawFrame(frameNumber - 1));
                context.Console.WriteLine(
                    $"{outPath}: frame {frameNumber} of {pixels.FrameCount}, {pixels.RawFrameLength} bytes " +
                    $"({pixels.Layout.Columns}x{pixels.Layout.Rows}, {pixels.Layout.SamplesPerPixel} sample(s) of " +
                    $"{pixels.Layout.BitsAllocated} bits)");
                return 0;
            }

            var options = new GreyscaleRenderOptions
            {
                Voi = VoiOption.Parse(windowText, voiText), OutputBits = bitDepth,
            };
            GreyImage image = GreyscaleRenderer.Render(pixels.DecodeSamples(frameNumber - 1), pixels.Layout,
                dicom.Dataset, options, path);
            AtomicFile.Write(outPath, stream => SavePng(image, stream));
            context.Console.WriteLine(
                $"{outPath}: {image.Width}x{image.Height} {image.BitDepth}-bit, {image.ModalityTransform}, " +
                $"{image.Voi}" + (image.InvertedMonochrome1 ? ", MONOCHROME1 inverted" : ""));
            foreach (string note in image.Notes) context.Error.WriteLine($"chestdx dicom export: note: {note}");
            return 0;
        });
        return command;
    }

    private static void SavePng(GreyImage image, Stream stream)
    {
        if (image.Pixels8 is { } p8)
        {
            using var png = Image.LoadPixelData<L8>(p8, image.Width, image.Height);
            png.SaveAsPng(stream);
        }
        else
        {
            using var png = Image.LoadPixelData<L16>(image.Pixels16!.Select(v => new L16(v)).ToArray(),
                image.Width, image.Height);
            png.SaveAsPng(stream);
        }
    }
}
