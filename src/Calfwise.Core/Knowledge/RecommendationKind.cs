namespace Calfwise.Core.Knowledge;

/// <summary>What a recommendation asks for; the plan lists them in this order (care first, lifestyle last).</summary>
public enum RecommendationKind
{
    Care,
    Referral,
    Test,
    Treatment,
    MedicationReview,
    Lifestyle,
}

public static class RecommendationKinds
{
    public static IReadOnlyList<RecommendationKind> All { get; } = Enum.GetValues<RecommendationKind>();

    /// <summary>The id used in recommendations.yaml and in the assessment JSON.</summary>
    public static string ToId(this RecommendationKind kind) => kind switch
    {
        RecommendationKind.Care => "care",
        RecommendationKind.Referral => "referral",
        RecommendationKind.Test => "test",
        RecommendationKind.Treatment => "treatment",
        RecommendationKind.MedicationReview => "medication-review",
        RecommendationKind.Lifestyle => "lifestyle",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The kind with this id, or null when there is none.</summary>
    public static RecommendationKind? Parse(string? id)
    {
        foreach (var kind in All)
        {
            if (kind.ToId() == id)
            {
                return kind;
            }
        }

        return null;
    }
}
