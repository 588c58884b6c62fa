using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Calfwise.Web.Tests.Cds;

/// <summary>
/// docs/cds-hooks.md's worked example stays true: examples/cds/patient-view-request.json (also the load test's
/// request) is answered with the card the document shows, field for field (the uuids and the detail's tail are
/// elided in the document with "…").
/// </summary>
public sealed partial class CdsWorkedExampleTests
{
    [Fact]
    public async Task The_documented_patient_view_example_gives_the_documented_card()
    {
        using var host = new CdsHost(new DateTimeOffset(2026, 12, 2, 12, 0, 0, TimeSpan.Zero)); // a week after the labs
        var request = JsonNode.Parse(await File.ReadAllTextAsync(Repository.PathOf("examples", "cds", "patient-view-request.json")))!;
        using var response = await host.CallAsync("/cds-services/calfwise-patient-view", request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        var actual = Assert.Single(CdsSpec.Cards(body))!.AsObject();

        var doc = await File.ReadAllTextAsync(Repository.PathOf("docs", "cds-hooks.md"));
        var documented = JsonNode.Parse(AnswerBlock().Match(doc).Groups[1].Value)!["cards"]![0]!.AsObject();
        foreach (var key in new[] { "summary", "indicator", "source", "links", "overrideReasons" })
        {
            Assert.True(JsonNode.DeepEquals(documented[key], actual[key]), $"{key}: the document has {documented[key]?.ToJsonString()}, the service {actual[key]?.ToJsonString()}");
        }

        Assert.StartsWith(documented["uuid"]!.GetValue<string>().TrimEnd('…'), actual["uuid"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.StartsWith(documented["detail"]!.GetValue<string>().TrimEnd('…'), actual["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    /// <summary>The first JSON block after the heading of the patient-view worked example's answer.</summary>
    [GeneratedRegex("""### The patient-view answer\s+```json\n(.*?)\n```""", RegexOptions.Singleline)]
    private static partial Regex AnswerBlock();
}
