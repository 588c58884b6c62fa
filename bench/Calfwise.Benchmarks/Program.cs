using BenchmarkDotNet.Running;
using Calfwise.Benchmarks;

if (args is ["parts", ..])
{
    ApiParts.Run(args.Length > 1 ? args[1] : null); // CPU time of each part of an API call, in this process (see ApiParts)
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
