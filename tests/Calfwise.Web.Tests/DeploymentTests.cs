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
