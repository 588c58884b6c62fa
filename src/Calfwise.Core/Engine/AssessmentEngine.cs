using Calfwise.Core.Cases;
using Calfwise.Core.Knowledge;
using Calfwise.Core.Labs;

namespace Calfwise.Core.Engine;

/// <summary>Turns a case into an assessment: labs, differential, criteria, red flags, triage and plan.</summary>
public sealed class AssessmentEngine
{
    private readonly KnowledgeBase _knowledge;
    private readonly TimeProvider _time;
    private readonly LabInterpreter _labs;
    private readonly IronPlanner _iron;
    private readonly Differential _differential;
    private readonly RlsCriteria _rls;
    private readonly RedFlagEvaluator _redFlags;
    private readonly (Recommendation Recommendation, AppliedRecommendation Applied)[] _recommendations;

    /// <summary>The triage of a case with no red flag and no condition that calls for a doctor, by level (made on first use).</summary>
    private readonly TriageResult?[] _calm = new TriageResult?[TriageLevels.All.Count];

    /// <param name="knowledge">The knowledge base.</param>
    /// <param name="time">The clock that says what day it is when a case is validated (birth dates, lab dates); the system clock by default.</param>
    public AssessmentEngine(KnowledgeBase knowledge, TimeProvider? time = null)
    {
        _knowledge = knowledge;
        _time = time ?? TimeProvider.System;
        _labs = new LabInterpreter(knowledge);
        _iron = new IronPlanner(knowledge);
        _differential = new Differential(knowledge);
        _rls = new RlsCriteria(knowledge);
        _redFlags = new RedFlagEvaluator(knowledge);
        _recommendations = knowledge.Recommendations
            .OrderBy(r => r.Kind)
            .Select(r => (r, new AppliedRecommendation(r.Id, r.Kind, r.Title, r.Text, r.SourceIds.Select(Reference).ToList())))
            .ToArray();
    }

    public KnowledgeBase Knowledge => _knowledge;

    /// <summary>Validates the case on today's date, then assesses it.</summary>
    public Result<Assessment> Assess(PatientCase input) => CaseValidator.Validate(input, _knowledge, _time).Map(Assess);

    /// <summary>Assesses a validated case, trusting it: nothing is checked or converted again.</summary>
    /// <exception cref="ArgumentException">The case was validated against another knowledge base.</exception>
    public Assessment Assess(ValidatedCase input)
    {
        if (!ReferenceEquals(input.Knowledge, _knowledge))
        {
            throw new ArgumentException("The case was validated against another knowledge base than this engine's.", nameof(input));
        }

        var labs = _labs.Interpret(input);
        var (anemia, severeAnemia) = Anemia(input, labs);
        var iron = _iron.Plan(input, labs, anemia, severeAnemia);
        var differential = _differential.Rank(input, labs);
        var criteria = _rls.Evaluate(input, differential);
        var irls = _rls.Score(input);

        var context = new RuleContext(_knowledge, input, labs, differential, iron);

        // The lists are made only when something goes in them: most cases fire no red flag.
        List<FiredRedFlag>? redFlags = null;
        var flags = _knowledge.RedFlags;
        for (var i = 0; i < flags.Count; i++)
        {
            if (_redFlags.Evaluate(flags[i], input, context) is { } fired)
            {
                (redFlags ??= []).Add(fired);
                context.Fire(flags[i].Id);
            }
        }

        var triage = Triage(differential, redFlags);
        context.TriageSoFar = triage.Level;

        // Self-care steps are never the plan of an urgent or emergency result: being seen is.
        List<AppliedRecommendation>? recommendations = null;
        foreach (var (recommendation, applied) in _recommendations)
        {
            if ((triage.Level < TriageLevel.Urgent || recommendation.Kind != RecommendationKind.Lifestyle) && recommendation.When.Evaluate(context))
            {
                (recommendations ??= []).Add(applied);
            }
        }

        IReadOnlyList<string> warnings = input.UnknownMedications.Count == 0 ? [] : input.UnknownMedications
            .Select(m => $"Medication '{m}' is not in Calfwise's list, so its possible effects were not considered; mention it to your doctor.")
            .ToList();

        return new Assessment(triage, redFlags ?? (IReadOnlyList<FiredRedFlag>)[], differential, labs, iron, criteria, irls, recommendations ?? (IReadOnlyList<AppliedRecommendation>)[], warnings, _knowledge.Disclaimer);
    }

    /// <summary>Whether a knowledge rule holds for a case and its assessment.</summary>
    internal bool Holds(Rule rule, ValidatedCase input, Assessment assessment) => rule.Evaluate(NewContext(input, assessment));

    /// <summary>Whether a red flag fires for a case, read exactly as the assessment reads it ("don't know" included).</summary>
    internal bool Fires(RedFlag flag, ValidatedCase input, Assessment assessment) => _redFlags.Fires(flag, input, NewContext(input, assessment));

    /// <summary>Whether a red flag fires for a case read through a context (a what-if overlay on <see cref="Context"/>).</summary>
    internal bool Fires(RedFlag flag, ValidatedCase input, IRuleContext context) => _redFlags.Fires(flag, input, context);

    /// <summary>The rule context of a case and its assessment, built once for many what-ifs.</summary>
    internal IRuleContext Context(ValidatedCase input, Assessment assessment) => NewContext(input, assessment);

    private RuleContext NewContext(ValidatedCase input, Assessment assessment)
    {
        var context = new RuleContext(_knowledge, input, assessment.Labs, assessment.Differential, assessment.Iron) { TriageSoFar = assessment.Triage.Level };
        foreach (var flag in assessment.RedFlags)
        {
            context.Fire(flag.Id);
        }

        return context;
    }

    private SourceReference Reference(string id)
    {
        var source = _knowledge.Sources[id];
        return new SourceReference(source.Id, source.Citation, source.Url, source.Grade);
    }

    private (bool? Anemia, bool? Severe) Anemia(ValidatedCase input, IReadOnlyList<LabResult> labs)
    {
        LabResult? hb = null;
        for (var i = 0; i < labs.Count && hb is null; i++)
        {
            hb = labs[i].Analyte == AnalyteIds.Hemoglobin ? labs[i] : null;
        }

        if (hb is null)
        {
            return (null, null);
        }

        var severe = _knowledge.Threshold(input.IsPregnant ? "hb-severe-pregnant" : "hb-severe");
        var isSevere = hb.CanonicalValue < severe.Value;
        return (isSevere || hb.Status is LabStatus.Low or LabStatus.Critical && hb.Low is { } low && hb.CanonicalValue < low, isSevere);
    }

    /// <summary>Triage by <see cref="TriagePolicy"/>, with the reasons: the red flags first, highest level first.</summary>
    private TriageResult Triage(IReadOnlyList<ConditionResult> differential, List<FiredRedFlag>? redFlags)
    {
        var possible = _knowledge.Bands["possible"].Probability;
        var level = TriagePolicy.Level(redFlags is null ? TriageLevel.SelfCare : TriagePolicy.Highest(redFlags), differential, possible);
        if (redFlags is null && !HasReason(differential, possible))
        {
            // The same words for every such case: made once per level and shared.
            return _calm[(int)level] ??= new TriageResult(level, _knowledge.TriageAdvice[level].Advice, ["Nothing points to a cause that needs a doctor soon; the likely causes can be managed at home."]);
        }

        var reasons = redFlags is null ? [] : redFlags.OrderByDescending(f => f.Level).Select(f => f.Text).ToList();
        foreach (var condition in differential)
        {
            if (IsReason(condition, possible))
            {
                reasons.Add($"{condition.Name} is {_knowledge.Words(condition.Probability)} ({condition.Probability.ToString("0%", System.Globalization.CultureInfo.InvariantCulture)}); it calls for {Describe(condition.Triage)}.");
            }
        }

        return new TriageResult(level, _knowledge.TriageAdvice[level].Advice, reasons);
    }

    /// <summary>A condition at least possible that calls for more than self-care is a reason of the triage.</summary>
    private static bool IsReason(ConditionResult condition, double possible) => condition.Probability >= possible && condition.Triage > TriageLevel.SelfCare;

    private static bool HasReason(IReadOnlyList<ConditionResult> differential, double possible)
    {
        for (var i = 0; i < differential.Count; i++)
        {
            if (IsReason(differential[i], possible))
            {
                return true;
            }
        }

        return false;
    }

    private static string Describe(TriageLevel level) => level switch
    {
        TriageLevel.Emergency => "emergency care",
        TriageLevel.Urgent => "a doctor today",
        TriageLevel.Routine => "a routine appointment",
        _ => "self-care",
    };

    private sealed class RuleContext(
        KnowledgeBase knowledge,
        ValidatedCase input,
        IReadOnlyList<LabResult> labs,
        IReadOnlyList<ConditionResult> differential,
        IronAssessment iron) : IRuleContext
    {
        private HashSet<string>? _fired; // made when a flag fires: most cases fire none

        public void Fire(string redFlagId) => (_fired ??= new(StringComparer.Ordinal)).Add(redFlagId);

        public TriageLevel TriageSoFar { get; set; }

        public IronPlan IronPlan => iron.Plan;

        public bool? Anemia => iron.Anemia;

        public bool? SevereAnemia => iron.SevereAnemia;

        public bool? Inflammation => iron.Inflammation;

        public Sex Sex => input.Sex;

        public bool Pregnant => input.IsPregnant;

        public decimal Age => input.Age;

        public bool? Answer(string findingId) => input.Answer(findingId);

        public double Probability(string conditionId)
        {
            for (var i = 0; i < differential.Count; i++)
            {
                if (differential[i].Id == conditionId)
                {
                    return differential[i].Probability;
                }
            }

            throw new InvalidOperationException($"No condition '{conditionId}' in the differential.");
        }

        public double BandProbability(string bandId) => knowledge.Bands[bandId].Probability;

        public LabStatus? LabStatus(string analyteId)
        {
            for (var i = 0; i < labs.Count; i++)
            {
                if (labs[i].Analyte == analyteId)
                {
                    return labs[i].Status;
                }
            }

            return null;
        }

        public decimal? CanonicalValue(string analyteId) => LabInterpreter.Value(labs, analyteId);

        public Threshold Threshold(string thresholdId) => knowledge.Threshold(thresholdId);

        public bool HasMedicationClass(string classId)
        {
            var classes = input.MedicationClasses;
            for (var i = 0; i < classes.Count; i++)
            {
                if (classes[i].Id == classId)
                {
                    return true;
                }
            }

            return false;
        }

        public bool RedFlagFired(string redFlagId) => _fired is { } fired && fired.Contains(redFlagId);
    }
}
