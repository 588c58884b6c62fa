using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Calfwise.Web.Tests.Cds;

/// <summary>Every call to a CDS service carries the EHR's JWT; anything but a good, fresh, asymmetric one is a 401.</summary>
public sealed class CdsJwtTests : IClassFixture<CdsHost>
{
    private const string Url = "http://localhost/cds-services/calfwise-order-select";

    private readonly CdsHost _host;

    public CdsJwtTests(CdsHost host) => _host = host;

    private DateTimeOffset Now => _host.Factory.Clock.GetUtcNow();

    private async Task<HttpResponseMessage> CallAsync(string? token, string url = Url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent("""{"hook":"order-select","hookInstance":"d1577c69-dfbe-44ad-ba6d-3e05e953b2ea","context":{"userId":"Practitioner/1","patientId":"1","selections":[],"draftOrders":{"resourceType":"Bundle","type":"collection"}},"prefetch":{}}""", Encoding.UTF8, "application/json"),
        };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await _host.Factory.Client().SendAsync(request);
    }

    private async Task AssertRefusedAsync(string? token, string because, string url = Url)
    {
        using var response = await CallAsync(token, url);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        Assert.Contains(because, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_good_ES384_token_is_accepted()
    {
        using var response = await CallAsync(EhrKeys.Token(_host.Keys.Es384, Url, Now));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_good_RS384_token_is_accepted()
    {
        using var response = await CallAsync(EhrKeys.Token(_host.Keys.Rs384, Url, Now));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public Task No_token_is_refused() => AssertRefusedAsync(null, "Bearer JWT is required");

    [Fact]
    public Task An_unsigned_token_is_refused() => AssertRefusedAsync(EhrKeys.AlgNone(Url, Now), "alg 'none'");

    [Fact]
    public Task An_HS256_token_is_refused() => AssertRefusedAsync(EhrKeys.Token(EhrKeys.Hs256(), Url, Now), "alg 'HS256'");

    [Fact]
    public Task A_token_for_another_url_is_refused() =>
        AssertRefusedAsync(EhrKeys.Token(_host.Keys.Es384, "http://localhost/cds-services/calfwise-order-sign", Now), "aud must be the URL called");

    [Fact]
    public Task An_expired_token_is_refused() =>
        AssertRefusedAsync(EhrKeys.Token(_host.Keys.Es384, Url, Now, expiresIn: TimeSpan.FromMinutes(-5)), "expired");

    [Fact]
    public Task A_token_living_longer_than_five_minutes_is_refused() =>
        AssertRefusedAsync(EhrKeys.Token(_host.Keys.Es384, Url, Now, expiresIn: TimeSpan.FromHours(1)), "more than 5 minutes");

    [Fact]
    public Task A_token_from_an_unknown_issuer_is_refused() =>
        AssertRefusedAsync(EhrKeys.Token(_host.Keys.Es384, Url, Now, issuer: "https://other-ehr.example.org"), "not a trusted issuer");

    [Fact]
    public async Task A_token_signed_by_another_key_is_refused()
    {
        using var stranger = new EhrKeys();
        await AssertRefusedAsync(EhrKeys.Token(stranger.Es384, Url, Now), "signature does not verify");
    }

    [Fact]
    public async Task A_tampered_token_is_refused()
    {
        var token = EhrKeys.Token(_host.Keys.Es384, Url, Now);
        var parts = token.Split('.');
        var payload = Encoding.UTF8.GetString(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.DecodeBytes(parts[1])).Replace("ehr-client", "ehr-clienX", StringComparison.Ordinal);
        var tampered = parts[0] + "." + Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(payload)) + "." + parts[2];
        await AssertRefusedAsync(tampered, "signature does not verify");
    }

    [Fact]
    public async Task A_replayed_jti_is_refused()
    {
        var token = EhrKeys.Token(_host.Keys.Es384, Url, Now);
        using (var first = await CallAsync(token))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        await AssertRefusedAsync(token, "jti has already been used");
    }

    [Fact]
    public async Task Feedback_needs_a_token_too()
    {
        const string feedback = Url + "/feedback";
        await AssertRefusedAsync(null, "Bearer JWT is required", feedback);
    }

    [Fact]
    public async Task Discovery_needs_no_token()
    {
        using var response = await _host.Factory.Client().GetAsync("/cds-services");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
