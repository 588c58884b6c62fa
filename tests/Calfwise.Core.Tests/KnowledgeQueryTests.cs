using Calfwise.Core.Knowledge;
using Calfwise.Knowledge;

namespace Calfwise.Core.Tests;

/// <summary>Lists other parts of Calfwise read from the knowledge instead of keeping copies (order checks, screening).</summary>
public sealed class KnowledgeQueryTests
{
    private static readonly KnowledgeBase Knowledge = EmbeddedKnowledge.Instance;

    [Fact]
    public void The_potassium_raising_classes_are_the_ones_the_potassium_review_names()
    {
        var classes = Knowledge.MedicationClassesNamedBy(KnowledgeBase.PotassiumReviewId);

        // ukka-2023-k: renin-angiotensin blockers, potassium-sparing diuretics, trimethoprim, NSAIDs and supplements.
        Assert.Equal(["ace-inhibitor", "arb", "nsaid", "potassium-sparing-diuretic", "potassium-supplement", "trimethoprim"], classes.Order(StringComparer.Ordinal));
        Assert.All(classes, id => Assert.Contains(Knowledge.MedicationClasses, c => c.Id == id));
    }

    [Fact]
    public void A_recommendation_that_is_not_there_is_an_error_not_an_empty_list() =>
        Assert.Throws<KeyNotFoundException>(() => Knowledge.MedicationClassesNamedBy("no-such-recommendation"));
}
