using BenchmarkDotNet.Running;
using Calfwise.Benchmarks;

if (args is ["parts", ..])
{
    ApiParts.Run(args.Length > 1 ? args[1] : null); // CPU time of each part of an API call, in this process (see ApiParts)
    return;
}

if (args is ["gather", var export, var asOf, ..])
{
    // CPU time and allocation of the screening's assess phase on an export (see GatherParts)
    GatherParts.Run(export, DateOnly.ParseExact(asOf, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 5);
    return;
}

if (args is ["screen", var screened, ..])
{
    // CPU time and bytes of screening one patient of an export, in this process (see ScreenParts)
    ScreenParts.Run(
        screened,
        args.Length > 2 && args[2] != "all" ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : null,
        args.Length > 3 ? DateOnly.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : new DateOnly(2026, 12, 1));
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
