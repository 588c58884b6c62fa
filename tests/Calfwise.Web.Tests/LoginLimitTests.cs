using System.Net;
using Calfwise.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Calfwise.Web.Tests;

/// <summary>
/// Wrong passphrases slow further attempts on that address for a while (never a long lockout anyone can trigger), the
/// same for an address with no account; the per-client limits group IPv6 by /64 and every refusal says when to retry.
/// </summary>
public sealed class LoginLimitTests(CalfwiseFactory factory) : IClassFixture<CalfwiseFactory>
{
    private const string Password = "correct horse battery";
    private const string AddressHeader = "X-Test-Client-Address";

    [Fact]
    public async Task Repeated_wrong_passphrases_make_the_owner_wait_seconds_not_minutes_and_then_the_right_one_works()
    {
        var email = $"owner-{Guid.NewGuid():N}@example.org";
        await factory.SignedInClientAsync(email, Password);
        var client = factory.Client();

        for (var i = 0; i < 20; i++)
        {
            var wrong = await LoginAsync(client, email, "not the passphrase");
            if (wrong.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.True(i >= 3, "a few typing mistakes cost nothing");
                var wait = RetryAfterSeconds(wrong);
                Assert.InRange(wait, 1, 60);
                Assert.Contains($"{wait} second", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
                factory.Clock.Advance(TimeSpan.FromSeconds(wait));
            }
            else
            {
                Assert.Equal(HttpStatusCode.OK, wrong.StatusCode); // the form again, with an error
            }
        }

        var last = await LoginAsync(client, email, "not the passphrase");
        if (last.StatusCode == HttpStatusCode.TooManyRequests)
        {
            factory.Clock.Advance(TimeSpan.FromSeconds(RetryAfterSeconds(last)));
            last = await LoginAsync(client, email, "not the passphrase");
        }

        Assert.Equal(HttpStatusCode.OK, last.StatusCode);
        var early = await LoginAsync(client, email, Password);
        Assert.Equal(HttpStatusCode.TooManyRequests, early.StatusCode); // not even the right passphrase is tried while waiting

        factory.Clock.Advance(TimeSpan.FromSeconds(RetryAfterSeconds(early)));
        var right = await LoginAsync(client, email, Password);
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.DoesNotContain("Lockout", right.Headers.Location?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_address_without_an_account_is_slowed_down_exactly_like_one_with_an_account()
    {
        var real = $"real-{Guid.NewGuid():N}@example.org";
        await factory.SignedInClientAsync(real, Password);
        var unknown = $"unknown-{Guid.NewGuid():N}@example.org";

        var realAnswers = await FailuresAsync(real);
        var unknownAnswers = await FailuresAsync(unknown);

        Assert.Equal(realAnswers, unknownAnswers);
        Assert.Contains(HttpStatusCode.TooManyRequests, realAnswers);

        async Task<List<HttpStatusCode>> FailuresAsync(string email)
        {
            var client = factory.Client();
            var answers = new List<HttpStatusCode>();
            for (var i = 0; i < 6; i++)
            {
                answers.Add((await LoginAsync(client, email, "not the passphrase")).StatusCode);
            }

            return answers;
        }
    }

    [Fact]
    public async Task Logging_in_with_an_unknown_address_verifies_a_passphrase_hash_as_a_real_one_does()
    {
        var hasher = new CountingHasher();
        using var app = factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.RemoveAll<IPasswordHasher<CalfwiseUser>>().AddSingleton<IPasswordHasher<CalfwiseUser>>(hasher)));
        var email = $"timed-{Guid.NewGuid():N}@example.org";
        await factory.SignedInClientAsync(email, Password);
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        hasher.Verifications = 0;
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(client, email, "not the passphrase")).StatusCode);
        Assert.Equal(1, hasher.Verifications);

        hasher.Verifications = 0;
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(client, $"nobody-{Guid.NewGuid():N}@example.org", "not the passphrase")).StatusCode);
        Assert.Equal(1, hasher.Verifications);
    }

    [Fact]
    public async Task The_per_client_log_in_limit_counts_an_IPv6_64_as_one_client_and_says_when_to_retry()
    {
        using var app = factory.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("RateLimits:LoginPermitsPerMinute", "2");
            builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter, ClientAddressFromHeader>());
        });
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await PostFromAsync(client, "2001:db8:1:2::1")).StatusCode);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await PostFromAsync(client, "2001:db8:1:2:ffff:ffff:ffff:9")).StatusCode);
        var third = await PostFromAsync(client, "2001:db8:1:2::77");
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.InRange(RetryAfterSeconds(third), 1, 60);

        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await PostFromAsync(client, "2001:db8:1:3::1")).StatusCode); // another /64
        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await PostFromAsync(client, "192.0.2.1")).StatusCode);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await PostFromAsync(client, "192.0.2.2")).StatusCode); // IPv4 addresses each count alone
    }

    [Fact]
    public void Attempts_sent_together_count_before_they_finish_so_only_the_free_ones_go_ahead()
    {
        var throttle = new Calfwise.Web.Areas.Identity.LoginThrottle(new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow));
        var allowed = 0;
        Parallel.For(0, 50, _ =>
        {
            if (throttle.Attempt("Someone@Example.org") == TimeSpan.Zero)
            {
                Interlocked.Increment(ref allowed);
            }
        });

        Assert.Equal(Calfwise.Web.Areas.Identity.LoginThrottle.FreeFailures + 1, allowed);
        Assert.True(throttle.Wait("someone@example.org") > TimeSpan.Zero); // the same account, however it is written
        throttle.Succeeded("SOMEONE@example.org");
        Assert.Equal(TimeSpan.Zero, throttle.Attempt("someone@example.org"));
    }

    [Theory]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2:ffff:ffff:ffff:ffff", "2001:db8:1:2::/64")]
    [InlineData("::ffff:192.0.2.7", "192.0.2.7")]
    [InlineData("192.0.2.7", "192.0.2.7")]
    public void A_client_is_one_IPv4_address_or_one_IPv6_64(string address, string client) =>
        Assert.Equal(client, Calfwise.Web.Setup.ClientPartition.Key(IPAddress.Parse(address)));

    private static async Task<HttpResponseMessage> PostFromAsync(HttpClient client, string address)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/Identity/Account/Login") { Content = new FormUrlEncodedContent([]) };
        request.Headers.Add(AddressHeader, address);
        return await client.SendAsync(request);
    }

    private static async Task<HttpResponseMessage> LoginAsync(HttpClient client, string email, string password) =>
        await CalfwiseFactory.PostFormAsync(client, "/Identity/Account/Login", new() { ["Input.Email"] = email, ["Input.Password"] = password });

    private static int RetryAfterSeconds(HttpResponseMessage response) =>
        response.Headers.RetryAfter?.Delta is { } delta ? (int)delta.TotalSeconds : throw new InvalidOperationException("no Retry-After in seconds");

    private sealed class CountingHasher : IPasswordHasher<CalfwiseUser>
    {
        private readonly PasswordHasher<CalfwiseUser> _inner = new();

        public int Verifications { get; set; }

        public string HashPassword(CalfwiseUser user, string password) => _inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(CalfwiseUser user, string hashedPassword, string providedPassword)
        {
            Verifications++;
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }

    /// <summary>Lets a test choose the client address the app sees.</summary>
    private sealed class ClientAddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (IPAddress.TryParse(context.Request.Headers[AddressHeader].ToString(), out var address))
                {
                    context.Connection.RemoteIpAddress = address;
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
