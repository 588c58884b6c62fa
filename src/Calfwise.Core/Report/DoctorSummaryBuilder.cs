using System.Globalization;
using Calfwise.Core.Cases;
using Calfwise.Core.Engine;
using Calfwise.Core.Knowledge;
using Calfwise.Core.Presentation;

namespace Calfwise.Core.Report;

/// <summary>
/// Builds the report's first page from the case as the person entered it and the assessment as it was shown: it only
/// sorts and words what is there, and decides nothing clinical (the triage, ranges and thresholds are the view's).
/// </summary>
public sealed class DoctorSummaryBuilder(KnowledgeBase knowledge)
{
    /// <summary>The question that says how long the symptoms have lasted.</summary>
    public const string DurationFinding = "symptoms-longer-than-two-weeks";

    /// <summary>The first page for this case and its shown assessment; <paramref name="age"/> is the validated age in years.</summary>
    public DoctorSummary Build(PatientCase input, decimal age, AssessmentView view)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(view);
        var opening = knowledge.Interview.OpeningFindings.Where(f => f != DurationFinding).ToList();
        var signs = WarningSignFindings().Where(f => !opening.Contains(f) && f != DurationFinding).ToList();
        var shown = new HashSet<string>(opening.Concat(signs).Append(DurationFinding), StringComparer.Ordinal);
        return new DoctorSummary(
            Patient(input, age),
            Labels(input, opening, ReportAnswer.Yes),
            Labels(input, opening, ReportAnswer.No),
            Labels(input, opening, ReportAnswer.DontKnow),
            Duration(Answer(input, DurationFinding)),
            signs.Where(input.WasAsked).Select(f => new AnsweredQuestion(f, Label(f), Answer(input, f)!.Value)).ToList(),
            knowledge.Findings.Where(f => !shown.Contains(f.Id) && input.Answer(f.Id) == true).Select(f => f.Label).ToList(),
            view.Labs.Select(l => Lab(l, input)).ToList(),
            view.Labs.Count == 0 ? null : view.Iron.Explanation,
            input.Medications.Select(Medicine).ToList(),
            view.Triage.Heading,
            view.Triage.Advice,
            view.Triage.Reasons);
    }

    /// <summary>The findings the urgent and emergency red flags look at (not those they exclude), highest level first.</summary>
    public IReadOnlyList<string> WarningSignFindings() =>
        knowledge.RedFlags
            .Where(f => f.Level >= TriageLevel.Urgent)
            .OrderByDescending(f => f.Level)
            .SelectMany(f => Signs(f.When))
            .Distinct(StringComparer.Ordinal)
            .ToList();

    /// <summary>A lab sample's day, short enough for a table column ("3 Nov 2026").</summary>
    public static string Date(DateOnly date) => date.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>A number as the report prints it: no trailing zeros, no thousands separator.</summary>
    public static string Number(decimal value) => value.ToString("0.######", CultureInfo.InvariantCulture);

    private static IEnumerable<string> Signs(Rule rule) => rule switch
    {
        FindingRule finding => [finding.FindingId],
        AllRule all => all.Rules.SelectMany(Signs),
        AnyRule any => any.Rules.SelectMany(Signs),
        _ => [],
    };

    private string Patient(PatientCase input, decimal age)
    {
        // Pregnancy is asked only in the interview's age range; outside it "not asked" would say nothing useful.
        var askable = input.Sex == Sex.Female && age >= knowledge.Interview.PregnancyMinAge && age <= knowledge.Interview.PregnancyMaxAge;
        var years = age == 1 ? "1 year" : $"{Number(age)} years";
        var sex = input.Sex == Sex.Female ? "female" : "male";
        var pregnancy = (input.Sex, input.Pregnant, input.Trimester) switch
        {
            (Sex.Male, _, _) => "",
            (_, null, _) when !askable => "",
            (_, true, { } trimester) => $", pregnant (trimester {trimester})",
            (_, true, null) => ", pregnant",
            (_, false, _) => ", not pregnant",
            _ => ", pregnancy not asked",
        };
        return $"{years}, {sex}{pregnancy}";
    }

    private static ReportAnswer? Answer(PatientCase input, string findingId) =>
        input.Answer(findingId) switch
        {
            true => ReportAnswer.Yes,
            false => ReportAnswer.No,
            null when input.DontKnow.Contains(findingId) => ReportAnswer.DontKnow,
            _ => null,
        };

    private List<string> Labels(PatientCase input, IEnumerable<string> findings, ReportAnswer answer) =>
        findings.Where(f => Answer(input, f) == answer).Select(Label).ToList();

    private string Label(string findingId) =>
        knowledge.FindingsById.TryGetValue(findingId, out var finding) ? finding.Label : findingId;

    private static string Duration(ReportAnswer? answer) => answer switch
    {
        ReportAnswer.Yes => "More than two weeks",
        ReportAnswer.No => "Less than two weeks",
        ReportAnswer.DontKnow => "Not sure how long",
        _ => "Not asked",
    };

    private static LabLine Lab(LabResult lab, PatientCase input)
    {
        var range = (lab.Low, lab.High) switch
        {
            ({ } low, { } high) => $"{Number(low)}–{Number(high)} {lab.CanonicalUnit}",
            ({ } low, null) => $"{Number(low)} {lab.CanonicalUnit} or more",
            (null, { } high) => $"up to {Number(high)} {lab.CanonicalUnit}",
            _ => "no range",
        };
        var sameUnit = string.Equals(lab.Unit, lab.CanonicalUnit, StringComparison.Ordinal) && lab.Value == lab.CanonicalValue;
        var date = input.Labs.FirstOrDefault(l => string.Equals(l.Analyte, lab.Analyte, StringComparison.OrdinalIgnoreCase))?.Date;
        return new LabLine(
            lab.Name + (lab.Derived ? " (calculated)" : ""),
            $"{Number(lab.Value)} {lab.Unit}",
            sameUnit ? null : $"{Number(lab.CanonicalValue)} {lab.CanonicalUnit}",
            date is { } day ? Date(day) : "date not given",
            range,
            DoctorSummary.Words(lab.Status),
            lab.Status is LabStatus.Low or LabStatus.High or LabStatus.Critical);
    }

    private string Medicine(string drug) =>
        knowledge.DrugClasses.TryGetValue(drug, out var classes)
            ? $"{drug}: {string.Join(", ", classes.Select(c => c.Name))}"
            : drug;
}
