using System.Globalization;
using Calfwise.Core.Cases;
using Calfwise.Core.Diary;
using Calfwise.Core.Engine;
using Calfwise.Core.Knowledge;
using Calfwise.Core.Presentation;
using Calfwise.Core.Report;
using Calfwise.Data;

namespace Calfwise.Web.Reports;

/// <summary>
/// The saved assessment a report shows, and how it relates to what the person saw: the stored result as it was shown,
/// with a note when the knowledge has changed since; or, for assessments saved before results were kept, the saved
/// answers assessed again with today's knowledge and diary, and a note that says so.
/// </summary>
/// <param name="View">What the report lays out.</param>
/// <param name="SavedAt">When the person saved it.</param>
/// <param name="AsSeen">True when <paramref name="View"/> is the stored result, exactly as the person saw it.</param>
/// <param name="Notes">Where the result comes from, in plain words; the page and the PDF show the same notes.</param>
public sealed record ReportAssessment(AssessmentView View, DateTimeOffset SavedAt, bool AsSeen, IReadOnlyList<string> Notes)
{
    /// <summary>The first page for the doctor (who, what, how long, answers, labs, medicines, triage); null when the saved answers no longer read.</summary>
    public DoctorSummary? Summary { get; init; }

    /// <summary>The report's assessment, or null when nothing was saved (or an old saved case no longer reads).</summary>
    public static ReportAssessment? From(StoredAssessment? saved, KnowledgeBase knowledge, AssessmentEngine engine, AssessmentPresenter presenter, PatternSummary diary, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        ArgumentNullException.ThrowIfNull(presenter);
        ArgumentNullException.ThrowIfNull(engine);
        if (saved is null)
        {
            return null;
        }

        var date = saved.CreatedAt.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
        if (saved.View is { } view)
        {
            var notes = new List<string> { $"Latest saved assessment, {date}, as you saw it (knowledge version {saved.KnowledgeVersion ?? "unknown"})." };
            if (!string.Equals(saved.KnowledgeVersion, knowledge.Version, StringComparison.Ordinal))
            {
                notes.Add($"Calfwise's knowledge has changed since (version {knowledge.Version} now): the same answers could be assessed differently today. Check your symptoms again for an up-to-date assessment.");
            }

            return new ReportAssessment(view, saved.CreatedAt, AsSeen: true, notes) { Summary = Summarise(saved, knowledge, view) };
        }

        if (CaseJson.Read(saved.CaseJson, knowledge, today) is not { IsValid: true } read
            || engine.Assess(DiaryPatterns.Apply(read.Case, diary)) is not { IsSuccess: true } outcome)
        {
            return null;
        }

        var again = presenter.Present(outcome.Value);
        return new ReportAssessment(
            again,
            saved.CreatedAt,
            AsSeen: false,
            [$"Latest saved assessment, {date}: it was saved before Calfwise kept results, so your answers were assessed again today with the current knowledge (version {knowledge.Version}) and your diary as it is now; it may differ from what you saw then."])
        {
            Summary = new DoctorSummaryBuilder(knowledge).Build(read.Case, read.Validated.Age, again),
        };
    }

    /// <summary>The first page from the answers as entered, read on the day they were saved (ages from a birth date as they were then).</summary>
    private static DoctorSummary? Summarise(StoredAssessment saved, KnowledgeBase knowledge, AssessmentView view) =>
        CaseJson.Read(saved.CaseJson, knowledge, DateOnly.FromDateTime(saved.CreatedAt.Date)) is { IsValid: true } read
            ? new DoctorSummaryBuilder(knowledge).Build(read.Case, read.Validated.Age, view)
            : null;
}
