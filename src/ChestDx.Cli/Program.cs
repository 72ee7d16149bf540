using ChestDx.Cli;
using Spectre.Console;

// Spectre assumes 80 columns when output is redirected, which wraps paths and tables in CI logs and `> file`;
// logs have no width, so give tables room (a terminal keeps its real width).
if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = 160;
return ChestDxApp.Run(args, AnsiConsole.Console, Console.Error);
