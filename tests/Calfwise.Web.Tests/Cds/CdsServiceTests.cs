using System.Net;
using System.Text.Json.Nodes;
using static Calfwise.Web.Tests.Cds.CdsRecords;

namespace Calfwise.Web.Tests.Cds;

/// <summary>Discovery, order-select, order-sign and patient-view with prefetch, each card checked against the spec.</summary>
public sealed class CdsServiceTests(CdsHost host) : IClassFixture<CdsHost>
{
    private const string OrderSelect = "/cds-services/calfwise-order-select";
    private const string OrderSign = "/cds-services/calfwise-order-sign";
    private const string PatientView = "/cds-services/calfwise-patient-view";

    private DateTimeOffset Recent => host.Factory.Clock.GetUtcNow().AddDays(-10);

    private async Task<JsonArray> CardsAsync(string path, JsonObject request)
    {
        using var response = await host.CallAsync(path, request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {body}");
        return CdsSpec.Cards(body);
    }

    [Fact]
    public async Task Discovery_lists_the_three_services_with_their_prefetch()
    {
        var body = JsonNode.Parse(await host.Factory.Client().GetStringAsync("/cds-services"))!;
        var services = body["services"]!.AsArray();
        Assert.Equal(
            ["calfwise-order-select:order-select", "calfwise-order-sign:order-sign", "calfwise-patient-view:patient-view"],
            services.Select(s => s!["id"]!.GetValue<string>() + ":" + s["hook"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        foreach (var service in services)
        {
            Assert.False(string.IsNullOrWhiteSpace(service!["description"]!.GetValue<string>()));
            Assert.False(string.IsNullOrWhiteSpace(service["title"]!.GetValue<string>()));
            var prefetch = service["prefetch"]!.AsObject();
            Assert.Equal("Patient/{{context.patientId}}", prefetch["patient"]!.GetValue<string>());
            Assert.Contains("http://loinc.org|2276-4", prefetch["labs"]!.GetValue<string>(), StringComparison.Ordinal); // ferritin
            Assert.Contains("http://loinc.org|2823-3", prefetch["labs"]!.GetValue<string>(), StringComparison.Ordinal); // potassium
            Assert.StartsWith("MedicationRequest?patient={{context.patientId}}", prefetch["medications"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.StartsWith("Condition?patient={{context.patientId}}", prefetch["conditions"]!.GetValue<string>(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(OrderSelect, "order-select")]
    [InlineData(OrderSign, "order-sign")]
    public async Task A_dopamine_agonist_for_restless_legs_with_low_ferritin_gives_the_AASM_card_with_iron_tests_to_order(string path, string hook)
    {
        var request = Request(hook, [Lab("f1", "2276-4", 40, "ng/mL", Recent)], orders: [Order("pramipexole 0.125 MG Oral Tablet", forRestlessLegs: true)]);
        var card = Assert.Single(await CardsAsync(path, request))!;
        Assert.Equal("warning", card["indicator"]!.GetValue<string>());
        Assert.Contains("ferritin is 40 ng/mL", card["summary"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("https://doi.org/10.5664/jcsm.11390", card["source"]!["url"]!.GetValue<string>());
        Assert.Equal("Winkelman JW et al. An American Academy of Sleep Medicine clinical practice guideline (2024)", card["source"]!["label"]!.GetValue<string>());
        var actions = Assert.Single(card["suggestions"]!.AsArray())!["actions"]!.AsArray();
        Assert.All(actions, a => Assert.Equal("ServiceRequest", a!["resource"]!["resourceType"]!.GetValue<string>()));
        Assert.Equal(["2276-4", "2502-3"], actions.Select(a => a!["resource"]!["code"]!["coding"]![0]!["code"]!.GetValue<string>()));
        Assert.Equal("Patient/" + PatientId, actions[0]!["resource"]!["subject"]!["reference"]!.GetValue<string>());
        Assert.NotEmpty(card["overrideReasons"]!.AsArray());
    }

    [Fact]
    public async Task Order_select_checks_only_the_orders_just_selected()
    {
        var request = Request("order-select", [Lab("k1", "2823-3", 5.8m, "mmol/L", Recent)], orders: [Order("lisinopril"), Order("amoxicillin")]);
        Assert.Single(await CardsAsync(OrderSelect, request));
        request["context"]!["selections"] = new JsonArray("MedicationRequest/draft-amoxicillin");
        Assert.Empty(await CardsAsync(OrderSelect, request));
    }

    [Fact]
    public async Task No_ferritin_on_record_gives_the_card_too()
    {
        var request = Request("order-select", [], conditions: [RestlessLegs()], orders: [Order("ropinirole")]);
        var card = Assert.Single(await CardsAsync(OrderSelect, request))!;
        Assert.Contains("ferritin is not on record", card["summary"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_low_TSAT_with_a_normal_ferritin_gives_the_card()
    {
        var request = Request("order-select", [Lab("f1", "2276-4", 150, "ng/mL", Recent), Lab("t1", "2502-3", 15, "%", Recent)], conditions: [RestlessLegs()], orders: [Order("rotigotine patch")]);
        Assert.Single(await CardsAsync(OrderSelect, request));
    }

    [Theory]
    [InlineData(75, 1)]
    [InlineData(90, 1)]
    [InlineData(101, 0)]
    public async Task The_ferritin_limits_come_from_the_iron_plan(decimal ferritin, int cards)
    {
        var request = Request("order-select", [Lab("f1", "2276-4", ferritin, "ng/mL", Recent), Lab("t1", "2502-3", 30, "%", Recent)], conditions: [RestlessLegs()], orders: [Order("pramipexole")]);
        Assert.Equal(cards, (await CardsAsync(OrderSelect, request)).Count);
    }

    [Fact]
    public async Task Replete_iron_gives_no_card()
    {
        var request = Request("order-select", [Lab("f1", "2276-4", 150, "ng/mL", Recent), Lab("t1", "2502-3", 30, "%", Recent)], conditions: [RestlessLegs()], orders: [Order("pramipexole")]);
        Assert.Empty(await CardsAsync(OrderSelect, request));
    }

    [Fact]
    public async Task A_dopamine_agonist_with_no_sign_of_restless_legs_gives_no_iron_card()
    {
        var request = Request("order-select", [Lab("f1", "2276-4", 40, "ng/mL", Recent)], orders: [Order("ropinirole")]);
        Assert.Empty(await CardsAsync(OrderSelect, request));
    }

    [Theory]
    [InlineData(5.8, 1)]
    [InlineData(5.5, 1)]
    [InlineData(5.4, 0)]
    public async Task A_potassium_raising_medicine_with_a_raised_potassium_gives_a_warning(double potassium, int expected)
    {
        var request = Request("order-sign", [Lab("k1", "2823-3", (decimal)potassium, "mmol/L", Recent)], orders: [Order("lisinopril 10 MG Oral Tablet")]);
        var cards = await CardsAsync(OrderSign, request);
        Assert.Equal(expected, cards.Count);
        Assert.All(cards, c => Assert.Equal("warning", c!["indicator"]!.GetValue<string>()));
        Assert.All(cards, c => Assert.Contains("lisinopril", c!["summary"]!.GetValue<string>(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_medicine_Calfwise_does_not_check_gives_no_card()
    {
        var request = Request("order-select", [Lab("k1", "2823-3", 5.9m, "mmol/L", Recent)], orders: [Order("amoxicillin")]);
        Assert.Empty(await CardsAsync(OrderSelect, request));
    }

    [Theory]
    [InlineData(6.8, "critical")]
    [InlineData(6.2, "warning")]
    [InlineData(5.7, "info")]
    public async Task Patient_view_gives_a_card_per_red_flag_the_gravest_first_with_the_indicator_of_its_triage_level(double potassium, string indicator)
    {
        var request = Request("patient-view", [Lab("k1", "2823-3", (decimal)potassium, "mmol/L", Recent)]);
        var card = (await CardsAsync(PatientView, request)).First()!;
        Assert.Equal(indicator, card["indicator"]!.GetValue<string>());
        Assert.Equal("https://ukkidney.org/health-professionals/guidelines/treatment-acute-hyperkalaemia-adults", card["source"]!["url"]!.GetValue<string>());
        Assert.StartsWith("UK Kidney Association. Clinical practice guidelines", card["source"]!["label"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Patient_view_gives_the_iron_card_for_restless_legs_with_low_ferritin()
    {
        var request = Request("patient-view", [Lab("f1", "2276-4", 40, "ng/mL", Recent)], conditions: [RestlessLegs()]);
        var card = Assert.Single(await CardsAsync(PatientView, request))!;
        Assert.Equal("https://doi.org/10.5664/jcsm.11390", card["source"]!["url"]!.GetValue<string>());
    }

    [Fact]
    public async Task Patient_view_with_nothing_to_act_on_gives_no_card()
    {
        var request = Request("patient-view", [Lab("f1", "2276-4", 150, "ng/mL", Recent), Lab("k1", "2823-3", 4.2m, "mmol/L", Recent)]);
        Assert.Empty(await CardsAsync(PatientView, request));
    }

    [Fact]
    public async Task Missing_prefetch_without_a_fhir_server_is_412()
    {
        var request = Request("patient-view", []);
        request.Remove("prefetch");
        using var response = await host.CallAsync(PatientView, request);
        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        Assert.Contains("fhirServer", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fields_of_the_wrong_JSON_type_are_answered_not_a_500()
    {
        var request = Request("patient-view", []);
        request.Remove("prefetch");
        request["fhirServer"] = 42;
        request["context"]!["patientId"] = new JsonObject();
        using var response = await host.CallAsync(PatientView, request);
        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        request["hook"] = new JsonArray();
        using var wrongHook = await host.CallAsync(PatientView, request);
        Assert.Equal(HttpStatusCode.BadRequest, wrongHook.StatusCode);
    }

    [Fact]
    public async Task A_request_for_another_hook_is_400()
    {
        using var response = await host.CallAsync(PatientView, Request("order-select", [], orders: []));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task An_unknown_service_is_404()
    {
        using var response = await host.CallAsync("/cds-services/nothing-here", Request("patient-view", []));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
