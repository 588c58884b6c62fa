using Calfwise.Core.Knowledge;
using Calfwise.Knowledge;

namespace Calfwise.Core.Tests;

public sealed class KnowledgeLoaderTests
{
    [Fact]
    public void The_embedded_knowledge_base_is_valid()
    {
        var result = KnowledgeLoader.LoadCompiled(EmbeddedKnowledge.Compiled());
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
    }

    [Theory]
    [InlineData("restless-legs")]
    [InlineData("iron-deficiency")]
    [InlineData("benign-fasciculations")]
    [InlineData("nocturnal-leg-cramps")]
    [InlineData("exercise-induced")]
    [InlineData("stimulant-induced")]
    [InlineData("sleep-deprivation")]
    [InlineData("stress-anxiety")]
    [InlineData("dehydration")]
    [InlineData("electrolyte-imbalance")]
    [InlineData("thyroid-dysfunction")]
    [InlineData("medication-side-effect")]
    [InlineData("motor-neuron-disease")]
    [InlineData("peripheral-neuropathy")]
    [InlineData("lumbar-radiculopathy")]
    [InlineData("deep-vein-thrombosis")]
    [InlineData("peripheral-artery-disease")]
    [InlineData("rhabdomyolysis")]
    public void Every_required_condition_exists(string id) => Assert.True(EmbeddedKnowledge.Instance.ConditionsById.ContainsKey(id));

    [Fact]
    public void Every_required_finding_analyte_and_recommendation_exists()
    {
        var knowledge = EmbeddedKnowledge.Instance;
        string[] findings =
        [
            "urge-to-move-legs", "worse-at-rest", "relieved-by-movement", "worse-evening-night", "sleep-disturbed", "calf-twitching",
            "twitching-widespread", "painful-cramps", "cramps-at-night", "muscle-weakness", "muscle-wasting", "twitching-spreading",
            "speech-or-swallowing-difficulty", "numbness-tingling", "back-pain-radiating-to-leg", "calf-pain", "calf-swelling-one-side",
            "leg-warm-red", "recent-immobilization-or-surgery", "active-cancer", "previous-dvt", "sudden-breathlessness-or-chest-pain",
            "pain-walking-relieved-by-rest", "smoker", "dark-urine", "severe-muscle-pain", "high-caffeine-intake", "stimulant-use",
            "intense-exercise-recently", "dehydration-signs", "vomiting-or-diarrhea", "high-stress-anxiety", "poor-sleep", "alcohol-use",
            "fatigue", "pale-skin", "breathless-on-exertion", "heavy-menstrual-bleeding", "vegetarian-diet", "frequent-blood-donation",
            "black-or-bloody-stools", "ice-craving", "postmenopausal", "chronic-kidney-disease", "diabetes", "cold-intolerance",
            "weight-gain", "heat-intolerance", "weight-loss", "palpitations", "tremor",
        ];
        string[] analytes =
        [
            "ferritin", "transferrin-saturation", "iron", "tibc", "hemoglobin", "mcv", "crp", "tsh", "free-t4", "potassium",
            "magnesium", "calcium", "sodium", "creatinine", "ck",
        ];
        string[] recommendations =
        [
            "test-ferritin", "test-iron-studies", "test-cbc", "test-electrolytes", "test-thyroid", "test-crp", "test-kidney-function",
            "test-ck", "iron-rich-diet", "oral-iron", "iv-iron", "vitamin-c-with-iron", "recheck-iron", "reduce-caffeine", "hydrate",
            "sleep-hygiene", "stress-reduction", "stretching", "exercise-recovery", "review-medications", "investigate-blood-loss",
            "heavy-menstrual-bleeding-evaluation", "neurology-referral", "emergency-care", "see-doctor", "see-doctor-urgently",
        ];
        Assert.Equal([], findings.Where(id => !knowledge.FindingsById.ContainsKey(id)).ToArray());
        Assert.Equal([], analytes.Where(id => !knowledge.AnalytesById.ContainsKey(id)).ToArray());
        Assert.Equal([], recommendations.Where(id => !knowledge.RecommendationsById.ContainsKey(id)).ToArray());
    }

    [Fact]
    public void Every_recommendation_and_red_flag_cites_a_source() =>
        Assert.All(
            EmbeddedKnowledge.Instance.Recommendations.Select(r => r.SourceIds).Concat(EmbeddedKnowledge.Instance.RedFlags.Select(r => r.SourceIds)),
            sources => Assert.NotEmpty(sources));

    [Fact]
    public void Every_analyte_has_a_loinc_code_and_the_required_units()
    {
        var knowledge = EmbeddedKnowledge.Instance;
        string[] Units(string id) => knowledge.AnalytesById[id].AllUnits.Select(u => Labs.UnitText.Key(u.Code)).ToArray();
        Assert.Superset(new HashSet<string> { "ng/ml", "ug/l", "pmol/l" }, Units("ferritin").ToHashSet());
        Assert.Superset(new HashSet<string> { "g/dl", "g/l", "mmol/l" }, Units("hemoglobin").ToHashSet());
        Assert.Superset(new HashSet<string> { "ug/dl", "umol/l" }, Units("iron").ToHashSet());
        Assert.Superset(new HashSet<string> { "mg/dl", "mmol/l" }, Units("magnesium").ToHashSet());
        Assert.Superset(new HashSet<string> { "mg/dl", "mmol/l" }, Units("calcium").ToHashSet());
        Assert.All(knowledge.Analytes, a => Assert.Matches(@"^\d+-\d$", a.Loinc));
    }

    // Each row breaks the shipped YAML in one way and names the file and the words the error must contain.
    [Theory]
    [InlineData("conditions.yaml", "finding: urge-to-move-legs,", "finding: urge-to-move-legz,", "'urge-to-move-legz' does not exist")] // dangling finding id
    [InlineData("recommendations.yaml", "ironPlan: oral-or-iv", "ironPlan: oral-or-ivv", "ironPlan 'oral-or-ivv'")] // unknown plan
    [InlineData("labs.yaml", "{ unit: ng/mL, multiply: 1", "{ unit: ng/mL, multiplied: 1", "needs exactly one conversion factor")] // missing unit factor
    [InlineData("labs.yaml", "canonical: ug/L", "canonical: ug L", "malformed")] // malformed unit
    [InlineData("sources.yaml", "id: aasm-2024-rls", "id: aasm-2024-rls-x", "source 'aasm-2024-rls' is not in sources.yaml")] // a number whose source is gone
    [InlineData("diary.yaml", "steadyDaysEach: 7", "steadyDaysEach: 2", "'steadyDaysEach' must be at least 'minDaysEach' (3), not 2")] // "steady" on fewer days than are compared at all
    [InlineData("findings.yaml", "askIf: { finding: calf-twitching }", "askIf: { findingNo: calf-twitching }", "askIf may not use negations")] // a negation would hide a question when an answer is missing
    [InlineData("findings.yaml", "askIf: { finding: calf-twitching }", "askIf: { finding: calf-twitchng }", "'calf-twitchng' does not exist")] // askIf names a finding that is not there
    [InlineData("conditions.yaml", "    plain: \"An urge to move", "    plainer: \"An urge to move", "missing 'plain'")] // a condition without plain words
    [InlineData("triage.yaml", "plain: \"Call {emergency} now,", "plain: \"Call {ambulance} now,", "placeholder '{ambulance}'")] // a number the locale cannot fill
    [InlineData("red-flags.yaml", "advice: \"See a doctor today for a scan of the leg,", "advice: \"See a doctor today for a scan of the leg, and this sentence goes on and on and on well past the point where a person reading it on a phone in a hurry would still follow it, which is exactly what the limit is for,", "plain text is at most")] // plain words too long
    public void A_broken_knowledge_file_fails_with_file_and_line(string file, string find, string replace, string message)
    {
        var files = Repository.KnowledgeFiles();
        Assert.Contains(find, files[file], StringComparison.Ordinal);
        files[file] = ReplaceFirst(files[file], find, replace);

        var result = KnowledgeLoader.Load(files);

        Assert.False(result.IsValid);
        var matching = result.Errors.Where(e => e.Message.Contains(message, StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(matching);
        Assert.All(matching, e => Assert.True(e.Line > 0 && e.File.EndsWith(".yaml", StringComparison.Ordinal), e.ToString()));
    }

    [Fact]
    public void A_likelihood_ratio_of_zero_or_less_is_rejected_with_its_line()
    {
        var files = Repository.KnowledgeFiles();
        var lines = files["conditions.yaml"].Split('\n');
        var index = Array.FindIndex(lines, l => l.Contains("lr: ", StringComparison.Ordinal));
        lines[index] = System.Text.RegularExpressions.Regex.Replace(lines[index], @"lr: [0-9.]+", "lr: 0");
        files["conditions.yaml"] = string.Join('\n', lines);

        var result = KnowledgeLoader.Load(files);

        var error = Assert.Single(result.Errors);
        Assert.Equal("conditions.yaml", error.File);
        Assert.Equal(index + 1, error.Line);
        Assert.Contains("greater than 0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_number_without_a_source_is_rejected()
    {
        var files = Repository.KnowledgeFiles();
        var lines = files["labs.yaml"].Split('\n');
        var index = Array.FindIndex(lines, l => l.Contains("id: ferritin-rls-iron,", StringComparison.Ordinal));
        Assert.True(index >= 0, "labs.yaml should define ferritin-rls-iron on one line");
        lines[index] = System.Text.RegularExpressions.Regex.Replace(lines[index], @",\s*source: [a-z0-9-]+", "");
        files["labs.yaml"] = string.Join('\n', lines);

        var result = KnowledgeLoader.Load(files);

        Assert.Contains(result.Errors, e => (e.File, e.Line, e.Message) == ("labs.yaml", index + 1, "missing 'source'"));
    }

    [Fact]
    public void Invalid_yaml_and_missing_files_are_reported()
    {
        var files = Repository.KnowledgeFiles();
        files["findings.yaml"] = "findings: [ {id: a";
        files.Remove("triage.yaml");

        var result = KnowledgeLoader.Load(files);

        Assert.False(result.IsValid);
        Assert.Contains(result.Errors, e => e.File == "findings.yaml" && e.Message.StartsWith("not valid YAML", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.File == "triage.yaml" && e.Message == "file is missing");
    }

    private static string ReplaceFirst(string text, string find, string replace)
    {
        var index = text.IndexOf(find, StringComparison.Ordinal);
        return text[..index] + replace + text[(index + find.Length)..];
    }
}
