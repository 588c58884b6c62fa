using System.Collections.Immutable;
using Calfwise.Core.Knowledge;

namespace Calfwise.Core.Presentation;

/// <summary>
/// What an output shows of an assessment: clinical decisions, made once, that the terminal, the web page and the
/// report for the doctor all follow, so a cause can never be in one and missing from another.
/// </summary>
public static class PresentationPolicy
{
    /// <summary>The leading causes always shown, however unlikely.</summary>
    public const int AlwaysShownConditions = 5;

    /// <summary>Any further cause at or above this probability is shown too; the conditions of fired red flags always are.</summary>
    public const double ShownProbability = 0.05;

    /// <summary>The pieces of evidence named as "what moved it most" for each cause.</summary>
    public const int KeyEvidence = 3;

    /// <summary>Probabilities below this read "under 1%".</summary>
    public const double SmallestPercent = 0.01;

    /// <summary>The causes named in plain words above the details (the leading ones and those of fired red flags).</summary>
    public const int PlainCauses = 3;

    /// <summary>The steps of "what to do" in plain words; the full plan is in the details.</summary>
    public const int PlainSteps = 5;

    /// <summary>
    /// Which plain steps come first when there are more than fit: care for this person (in pregnancy, for a child; the
    /// "where to go" step is the banner's advice), then treatment, referrals, tests, medicines and lifestyle.
    /// </summary>
    public static ImmutableArray<RecommendationKind> PlainStepOrder { get; } =
    [
        RecommendationKind.Care,
        RecommendationKind.Treatment,
        RecommendationKind.Referral,
        RecommendationKind.Test,
        RecommendationKind.MedicationReview,
        RecommendationKind.Lifestyle,
    ];

    /// <summary>What the cause of a fired red flag is called in plain words while its chance is below 'possible'.</summary>
    public const string RedFlagBand = "needs checking";
}
