using Calfwise.Core.Knowledge;

// Usage: compiler KNOWLEDGE_DIR OUTPUT_FILE
// Checks every knowledge file and writes the compiled form. Problems are printed as "file(line): error CWK1: ..."
// so that MSBuild shows them as build errors pointing at the YAML line.
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: Calfwise.Knowledge.Compiler KNOWLEDGE_DIR OUTPUT_FILE");
    return 2;
}

var directory = Path.GetFullPath(args[0]);
var files = KnowledgeLoader.FileNames
    .Where(name => File.Exists(Path.Combine(directory, name)))
    .ToDictionary(name => name, name => File.ReadAllText(Path.Combine(directory, name)), StringComparer.Ordinal);
var (compiled, errors) = KnowledgeLoader.Compile(files);
if (compiled is null)
{
    foreach (var error in errors)
    {
        Console.WriteLine($"{Path.Combine(directory, error.File)}({Math.Max(error.Line, 1)}): error CWK1: {error.Message}");
    }

    return 1;
}

var output = Path.GetFullPath(args[1]);
Directory.CreateDirectory(Path.GetDirectoryName(output)!);
if (!File.Exists(output) || !File.ReadAllBytes(output).AsSpan().SequenceEqual(compiled))
{
    File.WriteAllBytes(output, compiled);
}

return 0;
