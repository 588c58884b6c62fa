using BenchmarkDotNet.Running;
using Calfwise.Benchmarks;

if (args is ["parts"])
{
    ApiParts.Run(); // CPU time of each part of an API call, in this process (see ApiParts)
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
