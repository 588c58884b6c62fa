using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Calfwise.Web.Tests.Cds;

/// <summary>The app with the test EHR as the one trusted issuer, and calls signed as that EHR.</summary>
public sealed class CdsHost : IDisposable
{
    public EhrKeys Keys { get; } = new();

    public CalfwiseFactory Factory { get; }

    public CdsHost()
        : this(new CalfwiseFactory())
    {
    }

    /// <summary>The host with its clock at <paramref name="now"/>.</summary>
    internal CdsHost(DateTimeOffset now)
        : this(new CalfwiseFactory(now))
    {
    }

    private CdsHost(CalfwiseFactory factory)
    {
        Factory = factory;
        Factory.Settings["Cds:Issuers:0:Issuer"] = EhrKeys.Issuer;
        Factory.Settings["Cds:Issuers:0:Jwks"] = Keys.Jwks();
    }

    /// <summary>POSTs a body to a service with a fresh ES384 token for its exact URL.</summary>
    public async Task<HttpResponseMessage> CallAsync(string path, JsonNode body, HttpClient? client = null)
    {
        var url = "http://localhost" + path;
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", EhrKeys.Token(Keys.Es384, url, Factory.Clock.GetUtcNow()));
        return await (client ?? Factory.Client()).SendAsync(request);
    }

    public void Dispose()
    {
        Factory.Dispose();
        Keys.Dispose();
    }
}
