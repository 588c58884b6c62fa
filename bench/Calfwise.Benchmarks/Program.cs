using BenchmarkDotNet.Running;
using Calfwise.Benchmarks;

if (args is ["parts", ..])
{
    ApiParts.Run(args.Length > 1 ? args[1] : null); // CPU time of each part of an API call, in this process (see ApiParts)
    return;
}

if (args is ["screen", var export, ..])
{
    // CPU time and bytes of screening one patient of an export, in this process (see ScreenParts)
    ScreenParts.Run(
        export,
        args.Length > 2 && args[2] != "all" ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : null,
        args.Length > 3 ? DateOnly.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : new DateOnly(2026, 12, 1));
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
