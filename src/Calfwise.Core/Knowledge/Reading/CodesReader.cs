namespace Calfwise.Core.Knowledge.Reading;

/// <summary>
/// Reads knowledge/codes.yaml, the clinical codes bound to analytes, conditions, findings, person facts, medication
/// classes and procedure kinds, and checks them against the loaded knowledge: every id exists, every code has the
/// shape and check digit of its system, no LOINC code names two analytes and every analyte has a LOINC code.
/// </summary>
internal static class CodesReader
{
    /// <summary>The facts about the person in a case that codes may be bound to (they are case fields, not findings).</summary>
    public static IReadOnlyList<string> PersonFacts { get; } = ["pregnant"];

    /// <summary>
    /// The kinds of procedure codes may be bound to: <c>gi-investigation</c> is a colonoscopy or an upper GI endoscopy,
    /// the work-up for iron-deficiency anaemia (aga-2020-ida, bsg-2021-ida) whose absence the CDS service points out.
    /// </summary>
    public static IReadOnlyList<string> ProcedureKinds { get; } = ["gi-investigation"];

    private static readonly (string Key, CodeSystem System)[] DiagnosisSystems =
        [("snomed", CodeSystem.SnomedCt), ("icd10cm", CodeSystem.Icd10Cm), ("icd10", CodeSystem.Icd10)];

    private static readonly Section[] Sections =
    [
        new("analytes", CodeTarget.Analyte, "analyte", [("loinc", CodeSystem.Loinc)]),
        new("conditions", CodeTarget.Condition, "condition", DiagnosisSystems),
        new("findings", CodeTarget.Finding, "finding", DiagnosisSystems),
        new("person", CodeTarget.Person, "fact", DiagnosisSystems),
        new("medicationClasses", CodeTarget.MedicationClass, "class", [("atc", CodeSystem.Atc), ("rxnorm", CodeSystem.RxNorm)]),
        new("procedures", CodeTarget.Procedure, "procedure", [("snomed", CodeSystem.SnomedCt)]),
    ];

    /// <summary>Reads the codes into <paramref name="knowledge"/>; every problem goes to <paramref name="errors"/> with its line.</summary>
    public static void Bind(NodeMap root, KnowledgeBase knowledge, ErrorSink errors)
    {
        root.OnlyKeys([.. Sections.Select(s => s.Key)]);
        var bindings = new List<CodeBinding>();
        var analytesAt = root.Location;
        foreach (var section in Sections)
        {
            if (root.Map(section.Key) is not { } map)
            {
                continue;
            }

            analytesAt = section.Target == CodeTarget.Analyte ? map.Location : analytesAt;
            map.OnlyKeys("sources", "bindings");
            foreach (var source in map.Strings("sources").Where(s => !knowledge.Sources.ContainsKey(s)))
            {
                map.Error(map.Raw("sources")!, $"source '{source}' is not in sources.yaml{Spelling.DidYouMean(source, knowledge.Sources.Keys)}");
            }

            var known = Known(section.Target, knowledge);
            var listed = new HashSet<string>(StringComparer.Ordinal);
            foreach (var entry in map.Maps("bindings"))
            {
                entry.OnlyKeys([section.IdKey, .. section.Systems.Select(s => s.Key), "note"]);
                if (entry.Str(section.IdKey) is not { } id)
                {
                    continue;
                }

                if (!known.Contains(id))
                {
                    entry.Error($"{Name(section.Target)} '{id}' does not exist{Spelling.DidYouMean(id, known)}");
                }
                else if (!listed.Add(id))
                {
                    entry.Error($"{Name(section.Target)} '{id}' is listed twice in '{section.Key}'; give all its codes in one entry");
                }

                var written = 0;
                foreach (var (key, system) in section.Systems)
                {
                    var codes = entry.Strings(key, required: false);
                    written += codes.Count;
                    bindings.AddRange(Checked(entry, key, system, codes, section.Target, id));
                }

                if (written == 0)
                {
                    entry.Error($"{Name(section.Target)} '{id}' has no codes; leave it out and say why in a comment");
                }
            }
        }

        foreach (var clash in bindings.Where(b => b.System == CodeSystem.Loinc).GroupBy(b => b.Code, StringComparer.Ordinal))
        {
            var first = clash.First();
            foreach (var other in clash.Skip(1).Where(b => b.TargetId != first.TargetId))
            {
                errors.Add(other.Location, $"LOINC '{other.Code}' is bound to both '{first.TargetId}' ({first.Location}) and '{other.TargetId}'; a code must name one analyte");
            }
        }

        foreach (var analyte in knowledge.Analytes.Where(a => !bindings.Any(b => b.Target == CodeTarget.Analyte && b.TargetId == a.Id)))
        {
            errors.Add(analytesAt, $"analyte '{analyte.Id}' has no LOINC code; every analyte needs at least one, its preferred code first");
        }

        knowledge.BindCodes(bindings);
    }

    // Only the plain reading helpers are used (no YAML node types), so the reader moves with the loader's syntax layer.
    private static List<CodeBinding> Checked(NodeMap entry, string key, CodeSystem system, IReadOnlyList<string> written, CodeTarget target, string id)
    {
        var codes = new List<CodeBinding>();
        foreach (var code in written)
        {
            if (CodeFormats.Problem(system, code) is { } problem)
            {
                entry.Error($"{key} of '{id}': {problem}");
            }
            else if (codes.Any(c => c.Code == code))
            {
                entry.Error($"{key} '{code}' is listed twice for '{id}'");
            }
            else
            {
                codes.Add(new CodeBinding(target, id, system, code, entry.Location));
            }
        }

        return codes;
    }

    private static HashSet<string> Known(CodeTarget target, KnowledgeBase knowledge) => target switch
    {
        CodeTarget.Analyte => [.. knowledge.AnalytesById.Keys],
        CodeTarget.Condition => [.. knowledge.ConditionsById.Keys],
        CodeTarget.Finding => [.. knowledge.FindingsById.Keys],
        CodeTarget.MedicationClass => [.. knowledge.MedicationClassesById.Keys],
        CodeTarget.Procedure => [.. ProcedureKinds],
        _ => [.. PersonFacts],
    };

    private static string Name(CodeTarget target) => target switch
    {
        CodeTarget.MedicationClass => "medication class",
        CodeTarget.Person => "person fact",
        _ => target.ToString().ToLowerInvariant(),
    };


    private sealed record Section(string Key, CodeTarget Target, string IdKey, (string Key, CodeSystem System)[] Systems);
}
