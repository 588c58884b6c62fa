using Calfwise.Cli;
using Spectre.Console;

Console.OutputEncoding = System.Text.Encoding.UTF8;
return CalfwiseApp.Run(args, new CliIo(AnsiConsole.Console, Console.Error, Console.In, Environment.CurrentDirectory));
