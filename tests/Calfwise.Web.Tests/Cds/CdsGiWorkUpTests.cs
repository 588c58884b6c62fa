using System.Net;
using System.Text.Json.Nodes;
using static Calfwise.Web.Tests.Cds.CdsRecords;

namespace Calfwise.Web.Tests.Cds;

/// <summary>
/// patient-view: iron-deficiency anaemia with no colonoscopy or upper GI endoscopy on record (AGA 2020, BSG 2021).
/// Who needs the work-up is the engine's investigate-blood-loss decision; the service adds the procedures on record.
/// </summary>
public sealed class CdsGiWorkUpTests(CdsHost host) : IClassFixture<CdsHost>
{
    private const string PatientView = "/cds-services/calfwise-patient-view";

    private DateTimeOffset Now => host.Factory.Clock.GetUtcNow();

    /// <summary>Iron-deficiency anaemia: haemoglobin 10.5 g/dL and ferritin 8 ng/mL, recent.</summary>
    private JsonObject[] IronDeficiencyAnaemia() =>
        [Lab("hb", "718-7", 10.5m, "g/dL", Now.AddDays(-5)), Lab("f1", "2276-4", 8, "ng/mL", Now.AddDays(-5))];

    private static string BornYearsAgo(DateTimeOffset now, int years) => now.AddYears(-years).AddDays(-30).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private async Task<List<JsonNode>> WorkUpCardsAsync(JsonObject request)
    {
        using var response = await host.CallAsync(PatientView, request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {body}");
        return CdsSpec.Cards(body).OfType<JsonNode>()
            .Where(c => c["summary"]!.GetValue<string>().Contains("colonoscopy", StringComparison.Ordinal)).ToList();
    }

    [Fact]
    public async Task A_man_with_iron_deficiency_anaemia_and_no_procedure_gets_the_card_citing_AGA_2020()
    {
        var request = Request("patient-view", IronDeficiencyAnaemia(), patient: Patient("male", BornYearsAgo(Now, 45)));
        var card = Assert.Single(await WorkUpCardsAsync(request));
        Assert.Equal("warning", card["indicator"]!.GetValue<string>());
        Assert.Equal("https://doi.org/10.1053/j.gastro.2020.06.046", card["source"]!["url"]!.GetValue<string>());
        Assert.StartsWith("Ko CW et al.", card["source"]!["label"]!.GetValue<string>(), StringComparison.Ordinal);
        var link = Assert.Single(card["links"]!.AsArray())!;
        Assert.Equal("https://doi.org/10.1136/gutjnl-2021-325210", link["url"]!.GetValue<string>()); // BSG 2021
        Assert.NotEmpty(card["overrideReasons"]!.AsArray());
    }

    [Theory]
    [InlineData("73761001", 1)] // colonoscopy last year
    [InlineData("76009000", 12)] // oesophagogastroduodenoscopy twelve years ago: any on record counts
    public async Task A_colonoscopy_or_upper_endoscopy_on_record_means_no_card(string snomed, int yearsAgo)
    {
        var request = Request("patient-view", IronDeficiencyAnaemia(), patient: Patient("male", BornYearsAgo(Now, 60)),
            procedures: [Procedure(snomed, Now.AddYears(-yearsAgo))]);
        Assert.Empty(await WorkUpCardsAsync(request));
    }

    [Theory]
    [InlineData("44441009", "completed")] // flexible sigmoidoscopy: not the whole colon
    [InlineData("73761001", "not-done")] // a colonoscopy that did not happen
    public async Task Other_procedures_or_one_not_done_leave_the_card(string snomed, string status)
    {
        var request = Request("patient-view", IronDeficiencyAnaemia(), patient: Patient("male", BornYearsAgo(Now, 60)),
            procedures: [Procedure(snomed, Now.AddYears(-1), status)]);
        Assert.Single(await WorkUpCardsAsync(request));
    }

    [Fact]
    public async Task A_woman_of_55_is_read_as_postmenopausal_and_gets_the_card()
    {
        var request = Request("patient-view", IronDeficiencyAnaemia(), patient: Patient("female", BornYearsAgo(Now, 55)));
        Assert.Single(await WorkUpCardsAsync(request));
    }

    [Fact]
    public async Task A_premenopausal_woman_without_gut_symptoms_gets_no_card()
    {
        var request = Request("patient-view", IronDeficiencyAnaemia(), patient: Patient("female", BornYearsAgo(Now, 32)));
        Assert.Empty(await WorkUpCardsAsync(request));
    }

    [Fact]
    public async Task A_child_gets_no_card()
    {
        var request = Request("patient-view", IronDeficiencyAnaemia(), patient: Patient("male", BornYearsAgo(Now, 12)));
        Assert.Empty(await WorkUpCardsAsync(request));
    }

    [Fact]
    public async Task A_man_with_a_normal_ferritin_gets_no_card()
    {
        var labs = new[] { Lab("hb", "718-7", 14.5m, "g/dL", Now.AddDays(-5)), Lab("f1", "2276-4", 120, "ng/mL", Now.AddDays(-5)) };
        var request = Request("patient-view", labs, patient: Patient("male", BornYearsAgo(Now, 45)));
        Assert.Empty(await WorkUpCardsAsync(request));
    }
}
