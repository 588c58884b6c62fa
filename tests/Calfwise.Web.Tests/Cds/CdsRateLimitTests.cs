using System.Net;

namespace Calfwise.Web.Tests.Cds;

/// <summary>CDS calls count against the API's limit (RateLimits:ApiPermitsPerMinute), not the one for posting pages.</summary>
public sealed class CdsRateLimitTests : IDisposable
{
    private readonly CdsHost _host = new();

    public CdsRateLimitTests()
    {
        _host.Factory.Settings["RateLimits:PagePostsPerMinute"] = "2";
        _host.Factory.Settings["RateLimits:ApiPermitsPerMinute"] = "5";
    }

    [Fact]
    public async Task More_calls_than_the_page_limit_pass_and_the_api_limit_applies()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 7; i++)
        {
            using var response = await _host.CallAsync("/cds-services/calfwise-patient-view", CdsRecords.Request("patient-view", []));
            statuses.Add(response.StatusCode);
        }

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.OK, 5).Concat(Enumerable.Repeat(HttpStatusCode.TooManyRequests, 2)), statuses);
    }

    public void Dispose() => _host.Dispose();
}
