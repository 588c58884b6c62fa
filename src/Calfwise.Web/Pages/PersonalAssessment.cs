using System.Diagnostics;
using Calfwise.Core;
using Calfwise.Core.Cases;
using Calfwise.Core.Diary;
using Calfwise.Core.Engine;
using Calfwise.Core.Knowledge;
using Calfwise.Core.Presentation;
using Calfwise.Data;
using Calfwise.Web.Pages.Diary;
using Calfwise.Web.Setup;

namespace Calfwise.Web.Pages;

/// <summary>A person's case as the pages assess it: as entered, as assessed (with the diary's patterns), and as shown.</summary>
public sealed record PersonalResult(PatientCase Entered, PatientCase Assessed, Assessment Assessment, AssessmentView View, PatternSummary? Diary);

/// <summary>
/// The one way the pages (results, saving after registering) assess a person's case: for a signed-in person the
/// diary's patterns are evidence too, without overriding what the person answered; what is saved is exactly what
/// was shown, with the knowledge version that produced it.
/// </summary>
public sealed class PersonalAssessment(
    KnowledgeBase knowledge,
    AssessmentEngine engine,
    AssessmentPresenter presenter,
    DiaryPatterns patterns,
    DiaryStore diary,
    AssessmentStore assessments,
    CalfwiseMetrics metrics,
    TimeProvider clock)
{
    /// <param name="entered">The case as the person entered it.</param>
    /// <param name="userId">The signed-in person, whose diary is read; null for someone not signed in.</param>
    /// <param name="ct">Cancelled when the request is.</param>
    public async Task<Result<PersonalResult>> AssessAsync(PatientCase entered, string? userId, CancellationToken ct)
    {
        PatternSummary? summary = null;
        var assessed = entered;
        if (userId is not null)
        {
            summary = (await DiaryData.LoadAsync(diary, patterns, userId, ct).ConfigureAwait(false)).Summary;
            assessed = DiaryPatterns.Apply(entered, summary);
        }

        var started = Stopwatch.GetTimestamp();
        var outcome = engine.Assess(assessed);
        if (!outcome.IsSuccess || outcome.Value is not { } assessment)
        {
            return Result.Failure<PersonalResult>(outcome.Errors);
        }

        metrics.Assessed(assessment.Triage.Level, started);
        return Result.Success(new PersonalResult(entered, assessed, assessment, presenter.Present(assessment), summary));
    }

    /// <summary>Saves the result to the person's account, as shown.</summary>
    public Task SaveAsync(string userId, PersonalResult result, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(result);
        return assessments.SaveAsync(userId, clock.GetUtcNow(), result.Entered, result.Assessed, result.Assessment, result.View, knowledge.Version, ct);
    }
}
