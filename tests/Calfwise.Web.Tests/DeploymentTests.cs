using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Calfwise.Web.Tests;

/// <summary>Issue 11: deployable as an ordinary ASP.NET Core app: nothing personal cached, HSTS over HTTPS, no server banner.</summary>
public sealed class DeploymentTests(CalfwiseFactory factory) : IClassFixture<CalfwiseFactory>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/Interview")]
    [InlineData("/Labs")]
    [InlineData("/Identity/Account/Login")]
    public async Task Pages_are_never_cached(string path)
    {
        var response = await factory.Client().GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore, $"{path}: Cache-Control is '{response.Headers.CacheControl}'");
    }

    [Fact]
    public async Task The_diary_api_and_the_exports_are_never_cached()
    {
        var client = await factory.SignedInClientAsync($"cache-{Guid.NewGuid():N}@example.org");
        foreach (var path in new[] { "/api/diary/episodes", "/api/diary/days", "/Report?handler=Csv", "/Diary" })
        {
            var response = await client.GetAsync(path);
            Assert.True(response.IsSuccessStatusCode, $"{path}: {response.StatusCode}");
            Assert.True(response.Headers.CacheControl?.NoStore, $"{path}: Cache-Control is '{response.Headers.CacheControl}'");
        }
    }

    [Fact]
    public async Task Static_files_may_be_cached()
    {
        var response = await factory.Client().GetAsync("/css/site.css");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual(true, response.Headers.CacheControl?.NoStore);
    }

    [Fact]
    public async Task Https_answers_carry_hsts_and_http_answers_do_not()
    {
        var secure = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://calfwise.example"), AllowAutoRedirect = false });
        var plain = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://calfwise.example"), AllowAutoRedirect = false });

        Assert.Contains("max-age=31536000", string.Join(",", (await secure.GetAsync("/")).Headers.GetValues("Strict-Transport-Security")), StringComparison.Ordinal);
        Assert.False((await plain.GetAsync("/")).Headers.Contains("Strict-Transport-Security"));
    }
}

/// <summary>Issue 11: page posts (results, interview, labs, diary) have a per-client limit too, answered with Retry-After.</summary>
public sealed class PagePostLimitTests : IDisposable
{
    private readonly CalfwiseFactory _factory = new();

    [Fact]
    public async Task The_third_results_post_in_a_minute_is_refused_with_retry_after_when_the_limit_is_two()
    {
        _factory.Settings["RateLimits:PagePostsPerMinute"] = "2";
        var client = _factory.Client();
        var token = await CalfwiseFactory.TokenAsync(client, "/Labs");
        var statuses = new List<HttpResponseMessage>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add(await client.PostAsync("/Results", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["case"] = """{"age": 40, "sex": "male"}""",
                ["__RequestVerificationToken"] = token,
            })));
        }

        Assert.Equal(HttpStatusCode.OK, statuses[1].StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[2].StatusCode);
        Assert.NotNull(statuses[2].Headers.RetryAfter);
    }

    public void Dispose() => _factory.Dispose();
}
