using Calfwise.Core.Cases;
using Calfwise.Core.Knowledge;

namespace Calfwise.Benchmarks;

/// <summary>Copies of cases in examples/, inline so the benchmarks do not depend on the working directory.</summary>
internal static class SampleCases
{
    /// <summary>examples/rls-low-ferritin.json</summary>
    public static readonly string RestlessLegsLowFerritin = """
        {
          "age": 42,
          "sex": "female",
          "findings": {
            "calf-twitching": true,
            "urge-to-move-legs": true,
            "worse-at-rest": true,
            "relieved-by-movement": true,
            "worse-evening-night": true,
            "sleep-disturbed": true,
            "painful-cramps": false,
            "numbness-tingling": false,
            "positional-discomfort": false,
            "calf-swelling-one-side": false,
            "muscle-weakness": false,
            "heavy-menstrual-bleeding": true,
            "fatigue": true
          },
          "medications": ["sertraline"],
          "labs": [
            { "analyte": "ferritin", "value": 28, "unit": "ng/mL" },
            { "analyte": "transferrin-saturation", "value": 16, "unit": "%" },
            { "analyte": "hemoglobin", "value": 121, "unit": "g/L" },
            { "analyte": "crp", "value": 2, "unit": "mg/L" }
          ],
          "instruments": { "irls": [2, 3, 2, 2, 1, 2, 3, 2, 1, 2] }
        }
        """;

    /// <summary>examples/benign-twitch-coffee.json</summary>
    public static readonly string BenignTwitchCoffee = """
        {
          "age": 29,
          "sex": "male",
          "findings": {
            "calf-twitching": true,
            "high-caffeine-intake": true,
            "high-stress-anxiety": true,
            "poor-sleep": true,
            "urge-to-move-legs": false,
            "muscle-weakness": false,
            "muscle-wasting": false,
            "twitching-spreading": false,
            "speech-or-swallowing-difficulty": false,
            "calf-swelling-one-side": false,
            "calf-pain": false
          },
          "medications": [],
          "labs": []
        }
        """;

    /// <summary>A fixed day of assessment.</summary>
    public static readonly DateOnly Today = new(2026, 12, 1);

    public static PatientCase Parse(string json, KnowledgeBase knowledge)
    {
        var result = CaseJson.Read(json, knowledge, Today);
        return result.IsValid
            ? result.Case
            : throw new InvalidOperationException($"Sample case is not valid: {string.Join("; ", result.Errors)}");
    }
}
