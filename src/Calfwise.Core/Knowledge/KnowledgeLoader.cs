using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Calfwise.Core.Knowledge.Reading;
using Calfwise.Core.Knowledge.Syntax;

namespace Calfwise.Core.Knowledge;

/// <summary>The result of loading the knowledge files: a base, or the list of what is wrong with them.</summary>
public sealed record KnowledgeLoadResult(KnowledgeBase? Knowledge, IReadOnlyList<KnowledgeError> Errors)
{
    [MemberNotNullWhen(true, nameof(Knowledge))]
    public bool IsValid => Knowledge is not null && Errors.Count == 0;

    public KnowledgeBase OrThrow() => IsValid ? Knowledge : throw new KnowledgeLoadException(Errors);
}

/// <summary>
/// Loads the knowledge base: from its YAML files (as people edit them, when checking or compiling) or from the
/// compiled form built from them (what a running program reads), and validates every reference, number and unit.
/// Both paths go through the same readers and checks; see docs/architecture.md.
/// </summary>
public static class KnowledgeLoader
{
    /// <summary>The files the knowledge base is made of.</summary>
    public static IReadOnlyList<string> FileNames { get; } =
    [
        "sources.yaml", "findings.yaml", "conditions.yaml", "labs.yaml", "medications.yaml",
        "red-flags.yaml", "recommendations.yaml", "triage.yaml", "instruments.yaml", "interview.yaml",
        "diary.yaml", "codes.yaml",
    ];

    /// <summary>Thresholds the engine's code reads by id; the knowledge base must define them.</summary>
    public static IReadOnlyList<string> RequiredThresholds { get; } =
    [
        "ferritin-rls-iron", "ferritin-rls-iv-max", "tsat-rls-iron", "ferritin-rls-iron-child",
        "tsat-overload", "ferritin-overload-female", "ferritin-overload-male", "crp-inflammation",
        "hb-severe", "hb-severe-pregnant", "ferritin-deficiency-inflamed",
        "ferritin-deficiency-inflamed-child", "ferritin-deficiency-anemia-aga", "ferritin-very-high",
        "ferritin-dialysis-iron", "ferritin-pregnancy-iron",
    ];

    /// <summary>Probability bands the rules and triage rely on.</summary>
    public static IReadOnlyList<string> RequiredBands { get; } = ["leading", "possible", "likely"];

    /// <summary>Analytes the engine's code reads by id.</summary>
    public static IReadOnlyList<string> RequiredAnalytes { get; } = Labs.AnalyteIds.Required;


    /// <summary>Loads from file name to YAML text; a missing file is an error.</summary>
    public static KnowledgeLoadResult Load(IReadOnlyDictionary<string, string> files)
    {
        var errors = Parse(files, out var documents);
        return errors.Count > 0 ? new KnowledgeLoadResult(null, errors) : Read(documents, VersionOf(files));
    }

    /// <summary>
    /// The compiled form of valid YAML files (the files' nodes as JSON, with the knowledge version), or the errors
    /// that keep them from compiling.
    /// </summary>
    public static (byte[]? Compiled, IReadOnlyList<KnowledgeError> Errors) Compile(IReadOnlyDictionary<string, string> files)
    {
        var errors = Parse(files, out var documents);
        var loaded = errors.Count > 0 ? new KnowledgeLoadResult(null, errors) : Read(documents, VersionOf(files));
        if (!loaded.IsValid)
        {
            return (null, loaded.Errors);
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("version", loaded.Knowledge.Version);
            writer.WriteStartObject("files");
            foreach (var name in FileNames)
            {
                writer.WritePropertyName(name);
                NodeJson.Write(writer, documents[name]);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return (buffer.ToArray(), []);
    }

    /// <summary>Loads the compiled form written by <see cref="Compile"/>.</summary>
    public static KnowledgeLoadResult LoadCompiled(ReadOnlyMemory<byte> compiled)
    {
        using var json = JsonDocument.Parse(compiled);
        var root = json.RootElement;
        var files = root.GetProperty("files");
        var documents = new Dictionary<string, MapNode>(StringComparer.Ordinal);
        var errors = new List<KnowledgeError>();
        foreach (var name in FileNames)
        {
            if (files.TryGetProperty(name, out var file) && NodeJson.Read(file, 1) is MapNode map)
            {
                documents[name] = map;
            }
            else
            {
                errors.Add(new KnowledgeError(name, 0, "file is missing from the compiled knowledge"));
            }
        }

        return errors.Count > 0 ? new KnowledgeLoadResult(null, errors) : Read(documents, root.GetProperty("version").GetString() ?? "");
    }

    /// <summary>The knowledge version of a set of files: SHA-256 over each file's name and text (line ends normalised).</summary>
    public static string VersionOf(IReadOnlyDictionary<string, string> files)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var name in FileNames)
        {
            if (files.TryGetValue(name, out var text))
            {
                hash.AppendData(Encoding.UTF8.GetBytes(name + "\n" + text.Replace("\r\n", "\n", StringComparison.Ordinal) + "\n"));
            }
        }

        return "k-" + Convert.ToHexStringLower(hash.GetHashAndReset())[..12];
    }

    private static List<KnowledgeError> Parse(IReadOnlyDictionary<string, string> files, out Dictionary<string, MapNode> documents)
    {
        var errors = new List<KnowledgeError>();
        documents = new Dictionary<string, MapNode>(StringComparer.Ordinal);
        foreach (var name in FileNames)
        {
            if (!files.TryGetValue(name, out var text))
            {
                errors.Add(new KnowledgeError(name, 0, "file is missing"));
            }
            else if (YamlSyntax.Parse(name, text, errors) is { } root)
            {
                documents[name] = root;
            }
        }

        return errors;
    }

    private static KnowledgeLoadResult Read(Dictionary<string, MapNode> documents, string version)
    {
        var errors = new ErrorSink();
        var roots = documents.ToDictionary(d => d.Key, d => new NodeMap(d.Value, d.Key, errors), StringComparer.Ordinal);
        var reader = new KnowledgeReader(errors);
        var knowledge = reader.Read(roots);
        if (knowledge is null)
        {
            return new KnowledgeLoadResult(null, errors.Errors);
        }

        knowledge.Version = version;
        new KnowledgeValidator(knowledge, reader, errors).Validate();
        CodesReader.Bind(roots["codes.yaml"], knowledge, errors);
        return new KnowledgeLoadResult(errors.Errors.Count == 0 ? knowledge : null, errors.Errors);
    }
}
