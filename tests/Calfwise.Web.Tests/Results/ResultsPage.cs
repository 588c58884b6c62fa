using System.Net;

namespace Calfwise.Web.Tests.Results;

/// <summary>Posts a case to the results page, as the interview and the lab page do, and splits what is above "Details".</summary>
public static class ResultsPage
{
    public const string DetailsMarker = "<details class=\"details\"";

    public static async Task<string> RenderAsync(HttpClient client, string caseJson)
    {
        var token = await CalfwiseFactory.TokenAsync(client, "/Labs");
        var response = await client.PostAsync("/Results", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["case"] = caseJson,
            ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The page's main content above the "Details for you and your doctor" disclosure.</summary>
    public static string AboveDetails(string html)
    {
        var main = html.IndexOf("<main", StringComparison.Ordinal);
        var details = html.IndexOf(DetailsMarker, StringComparison.Ordinal);
        Assert.True(main >= 0 && details > main, "the results page has a main part and a Details disclosure");
        return html[main..details];
    }

    /// <summary>The disclosure and what follows it.</summary>
    public static string Details(string html) => html[html.IndexOf(DetailsMarker, StringComparison.Ordinal)..];
}
