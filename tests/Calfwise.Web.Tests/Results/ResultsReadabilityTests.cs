namespace Calfwise.Web.Tests.Results;

/// <summary>Everything above "Details for you and your doctor" reads at a reading age of 12 or below (grade 7).</summary>
public sealed class ResultsReadabilityTests(CalfwiseFactory factory) : IClassFixture<CalfwiseFactory>
{
    public const double MaxGrade = 7;

    [Theory]
    [MemberData(nameof(ResultsCases.All), MemberType = typeof(ResultsCases))]
    public async Task The_text_above_the_details_reads_at_grade_7_or_below(string person, string caseJson)
    {
        var html = await ResultsPage.RenderAsync(factory.Client(), caseJson);
        var text = Readability.VisibleText(ResultsPage.AboveDetails(html));

        var grade = Readability.Grade(text);

        Assert.True(grade <= MaxGrade, $"{person}: grade {grade:0.0} above {MaxGrade}:\n{text}");
    }

    [Theory]
    [InlineData("cat", 1)]
    [InlineData("twitching", 2)]
    [InlineData("cake", 1)]
    [InlineData("little", 2)]
    [InlineData("emergency", 4)]
    [InlineData("the", 1)]
    public void Syllables_are_counted_as_a_reader_says_them(string word, int syllables) =>
        Assert.Equal(syllables, Readability.Syllables(word));

    [Fact]
    public void The_grade_follows_the_Flesch_Kincaid_formula()
    {
        // 2 sentences, 8 words, 8 syllables: 0.39 × 4 + 11.8 × 1 − 15.59 = −2.23.
        Assert.Equal(-2.23, Readability.Grade("The cat sat down. It was a dog."), 2);
        // Long words and sentences read harder.
        Assert.True(Readability.Grade("Investigations demonstrated considerable haematological abnormalities necessitating intravenous supplementation.") > 12);
    }
}
