using System.Net;
using System.Text.RegularExpressions;
using Calfwise.Data;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Calfwise.Web.Tests.Storage;

/// <summary>Issue 11: two instances on one database share the Data Protection keys, so a log-in on one is valid on the other.</summary>
public sealed partial class SharedKeysTests : IDisposable
{
    private readonly CalfwiseFactory _first = new();
    private readonly CalfwiseFactory _second = new();

    public SharedKeysTests() => _second.Settings["Storage:SqlitePath"] = _first.DatabasePath;

    [Fact]
    public async Task A_log_in_on_one_instance_is_valid_on_the_other_and_the_keys_are_in_the_database()
    {
        const string Passphrase = "correct horse battery";
        var email = $"shared-{Guid.NewGuid():N}@example.org";
        await _first.SignedInClientAsync(email, Passphrase);

        // Log in on the first instance by hand, keeping the authentication cookie it sets.
        var first = _first.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var form = await first.GetAsync("/Identity/Account/Login");
        var antiforgery = Cookies(form);
        var token = WebUtility.HtmlDecode(Token().Match(await form.Content.ReadAsStringAsync()).Groups[1].Value);
        using var login = new HttpRequestMessage(HttpMethod.Post, "/Identity/Account/Login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = Passphrase, ["__RequestVerificationToken"] = token }),
        };
        login.Headers.Add("Cookie", antiforgery);
        var loggedIn = await first.SendAsync(login);
        Assert.Equal(HttpStatusCode.Redirect, loggedIn.StatusCode);
        var session = Cookies(loggedIn);
        Assert.Contains("calfwise=", session, StringComparison.Ordinal);

        // The second instance reads that cookie: the keys came from the shared database.
        var second = _second.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var read = new HttpRequestMessage(HttpMethod.Get, "/api/diary/episodes");
        read.Headers.Add("Cookie", session);
        Assert.Equal(HttpStatusCode.OK, (await second.SendAsync(read)).StatusCode);

        await using var scope = _first.Services.CreateAsyncScope();
        Assert.True(await scope.ServiceProvider.GetRequiredService<CalfwiseDbContext>().DataProtectionKeys.AnyAsync(), "no Data Protection key in the database");
    }

    public void Dispose()
    {
        _second.Dispose();
        _first.Dispose();
    }

    private static string Cookies(HttpResponseMessage response) =>
        string.Join("; ", response.Headers.TryGetValues("Set-Cookie", out var values) ? values.Select(v => v.Split(';')[0]) : []);

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
