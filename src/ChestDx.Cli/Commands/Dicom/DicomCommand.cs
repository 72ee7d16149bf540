using System.CommandLine;
using ChestDx.Cli.Infrastructure;

namespace ChestDx.Cli.Commands.Dicom;

/// <summary>`chestdx dicom`: inspect and export single DICOM files with ChestDx's own reader.</summary>
internal static class DicomCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("dicom",
            "Inspect a DICOM file or export one frame (raw stored values or a rendered PNG).");
        command.Subcommands.Add(DicomInfoCommand.Create(context));
        command.Subcommands.Add(DicomExportCommand.Create(context));
        return command;
    }
}
