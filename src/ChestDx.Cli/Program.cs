using ChestDx.Cli;
using Spectre.Console;

return ChestDxApp.Run(args, AnsiConsole.Console, Console.Error);
