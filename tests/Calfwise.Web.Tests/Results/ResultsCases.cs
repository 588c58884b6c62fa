namespace Calfwise.Web.Tests.Results;

/// <summary>The people of the patient-experience review, as cases.</summary>
public static class ResultsCases
{
    /// <summary>A 45-year-old woman with heavy periods and night-time urges to move, ferritin 22.</summary>
    public const string RestlessLegsFerritin22 = """
        { "age": 45, "sex": "female",
          "findings": { "urge-to-move-legs": true, "worse-at-rest": true, "relieved-by-movement": true, "worse-evening-night": true,
                        "sleep-disturbed": true, "heavy-menstrual-bleeding": true, "calf-twitching": false, "calf-swelling-one-side": false,
                        "calf-pain": false, "muscle-weakness": false },
          "labs": [ { "analyte": "ferritin", "value": 22, "unit": "ng/mL" } ] }
        """;

    /// <summary>A 30-year-old man drinking six coffees a day who twitches after the gym.</summary>
    public const string CaffeineTwitching = """
        { "age": 30, "sex": "male",
          "findings": { "calf-twitching": true, "high-caffeine-intake": true, "intense-exercise-recently": true, "urge-to-move-legs": false,
                        "muscle-weakness": false, "muscle-wasting": false, "twitching-spreading": false, "speech-or-swallowing-difficulty": false,
                        "calf-swelling-one-side": false, "calf-pain": false } }
        """;

    /// <summary>A 60-year-old with one swollen, painful calf after a long flight.</summary>
    public const string SuspectedClot = """
        { "age": 60, "sex": "male",
          "findings": { "calf-pain": true, "calf-swelling-one-side": true, "long-distance-travel": true,
                        "sudden-breathlessness-or-chest-pain": false, "calf-twitching": false } }
        """;

    /// <summary>A painful, swollen calf with sudden breathlessness: a possible clot in the lungs.</summary>
    public const string Emergency = """
        { "age": 60, "sex": "female",
          "findings": { "calf-pain": true, "calf-swelling-one-side": true, "sudden-breathlessness-or-chest-pain": true } }
        """;

    /// <summary>Harmless twitching that has gone on for more than two weeks: a routine red flag.</summary>
    public const string LongstandingTwitching = """
        { "age": 35, "sex": "male",
          "findings": { "calf-twitching": true, "symptoms-longer-than-two-weeks": true, "muscle-weakness": false, "muscle-wasting": false,
                        "calf-swelling-one-side": false, "calf-pain": false } }
        """;

    /// <summary>A pregnant woman in her third trimester with restless legs in the evening.</summary>
    public const string PregnantRestlessLegs = """
        { "age": 31, "sex": "female", "pregnant": true, "trimester": 3,
          "findings": { "urge-to-move-legs": true, "worse-at-rest": true, "relieved-by-movement": true, "worse-evening-night": true,
                        "calf-swelling-one-side": false, "calf-pain": false } }
        """;

    /// <summary>A 9-year-old with evening leg discomfort, as a carer answers.</summary>
    public const string Child = """
        { "age": 9, "sex": "male",
          "findings": { "urge-to-move-legs": true, "worse-at-rest": true, "worse-evening-night": true, "calf-swelling-one-side": false,
                        "calf-pain": false, "muscle-weakness": false } }
        """;

    public static TheoryData<string, string> All => new()
    {
        { "restless legs, ferritin 22", RestlessLegsFerritin22 },
        { "caffeine twitching", CaffeineTwitching },
        { "suspected clot", SuspectedClot },
        { "emergency", Emergency },
        { "twitching for over two weeks", LongstandingTwitching },
        { "pregnant, restless legs", PregnantRestlessLegs },
        { "a child", Child },
    };
}
