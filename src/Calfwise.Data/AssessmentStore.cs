using System.Text.Json;
using System.Text.Json.Serialization;
using Calfwise.Core.Cases;
using Calfwise.Core.Engine;
using Calfwise.Core.Knowledge;
using Calfwise.Core.Presentation;
using Microsoft.EntityFrameworkCore;

namespace Calfwise.Data;

/// <summary>A saved assessment as read back: what was entered, what was assessed, by which knowledge, and what was shown.</summary>
/// <param name="Id">The saved assessment's id.</param>
/// <param name="CreatedAt">When it was saved (UTC).</param>
/// <param name="CaseJson">The case as entered.</param>
/// <param name="AssessedCaseJson">The case as assessed, with the diary's findings; null for older rows.</param>
/// <param name="View">The assessment as the person saw it; null for rows saved before results were kept (or unreadable).</param>
/// <param name="KnowledgeVersion">The knowledge version that produced <paramref name="View"/>; null for older rows.</param>
public sealed record StoredAssessment(
    Guid Id,
    DateTimeOffset CreatedAt,
    string CaseJson,
    string? AssessedCaseJson,
    string? KnowledgeVersion,
    AssessmentView? View);

/// <summary>Saved assessments: each keeps its inputs, the knowledge version and the result as shown, so it can be traced.</summary>
public sealed class AssessmentStore(CalfwiseDbContext db, StorageLimits limits)
{
    // The stored result is the presentation view, written once and read back as is: a report lays out exactly what the
    // person saw. Enums by name, so the stored text survives a reordering of their members.
    private static readonly JsonSerializerOptions ViewOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Saves an assessment: the case as entered, the case as assessed (with the diary's findings), the result and the version.</summary>
    /// <exception cref="StorageLimitException">The person already keeps <see cref="StorageLimits.MaxAssessmentsPerPerson"/> assessments, or a text is too long.</exception>
    public async Task<Guid> SaveAsync(
        string userId,
        DateTimeOffset at,
        PatientCase entered,
        PatientCase assessed,
        Assessment assessment,
        AssessmentView view,
        string knowledgeVersion,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        var row = new SavedAssessment
        {
            Id = Guid.NewGuid(),
            UserId = userId,
            CreatedAt = at.ToUniversalTime(),
            CaseJson = CaseJson.Write(entered),
            AssessedCaseJson = CaseJson.Write(assessed),
            TriageLevel = assessment.Triage.Level.ToId(),
            TopCondition = assessment.Differential[0].Id,
            KnowledgeVersion = knowledgeVersion,
            ResultJson = WriteView(view),
        };
        foreach (var text in new[] { row.CaseJson, row.AssessedCaseJson, row.ResultJson })
        {
            if (text!.Length > limits.MaxAssessmentJsonChars)
            {
                throw new StorageLimitException(new InputError("case", $"This assessment is too large to keep: at most {limits.MaxAssessmentJsonChars} characters are stored."));
            }
        }

        StorageLimitException.ThrowIfFull(
            await db.Assessments.CountAsync(a => a.UserId == userId, ct).ConfigureAwait(false), limits.MaxAssessmentsPerPerson, "assessments", "saved assessments");
        db.Assessments.Add(row);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return row.Id;
    }

    /// <summary>The person's most recent saved assessment, or null.</summary>
    public async Task<StoredAssessment?> LatestAsync(string userId, CancellationToken ct)
    {
        var row = await db.Assessments.AsNoTracking().Where(a => a.UserId == userId).OrderByDescending(a => a.CreatedAt).FirstOrDefaultAsync(ct).ConfigureAwait(false);
        return row is null ? null : new StoredAssessment(row.Id, row.CreatedAt, row.CaseJson, row.AssessedCaseJson, row.KnowledgeVersion, ReadView(row.ResultJson));
    }

    public static string WriteView(AssessmentView view) => JsonSerializer.Serialize(view, ViewOptions);

    /// <summary>The stored view, or null when there is none or it no longer reads (the report then re-assesses and says so).</summary>
    public static AssessmentView? ReadView(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<AssessmentView>(json, ViewOptions);
        }
        catch (JsonException)
        {
            return null;
        }
        catch (NotSupportedException)
        {
            return null;
        }
    }
}
