using System.CommandLine;
using ChestDx.Cli.Commands.Bench;
using ChestDx.Cli.Commands.Demo;
using ChestDx.Cli.Commands.Dicom;
using ChestDx.Cli.Commands.Doctor;
using ChestDx.Cli.Commands.Evaluation;
using ChestDx.Cli.Commands.Export;
using ChestDx.Cli.Commands.Ingest;
using ChestDx.Cli.Commands.Synth;
using ChestDx.Cli.Commands.Training;
using ChestDx.Cli.Infrastructure;

namespace ChestDx.Cli;

/// <summary>
/// Every top-level verb, one line each. Each verb lives in Commands/ as a settings record plus a thin handler.
/// </summary>
public static class CommandCatalog
{
    public static IEnumerable<Command> Create(CliContext context)
    {
        yield return DemoCommand.Create(context);
        yield return DoctorCommand.Create(context);
        yield return IngestCommand.Create(context);
        yield return PackCommand.Create(context);
        yield return AuditCommand.Create(context);
        yield return TrainCommand.Create(context);
        yield return PredictCommand.Create(context);
        yield return ImportModelCommand.Create(context);
        yield return ExportCommand.Create(context);
        yield return EvaluateCommand.Create(context);
        yield return CalibrateCommand.Create(context);
        yield return ReadersCommand.Create(context);
        yield return DicomCommand.Create(context);
        yield return SynthCommand.Create(context);
        yield return BenchCommand.Create(context);
    }
}
