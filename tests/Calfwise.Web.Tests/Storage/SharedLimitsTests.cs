using System.Net;

namespace Calfwise.Web.Tests.Storage;

/// <summary>Issue 11: with Redis configured, the log-in delay and the per-client limits count what came through any instance.</summary>
[Trait(TestCategories.Name, TestCategories.Slow)]
public sealed class SharedLimitsTests(RedisServer redis) : IClassFixture<RedisServer>, IDisposable
{
    private readonly List<CalfwiseFactory> _factories = [];

    [Fact]
    public async Task The_log_in_rate_limit_counts_posts_to_both_instances()
    {
        await FlushAsync(); // the limit's key is the client address, the same for every test here
        var (first, second) = (Instance(loginPermits: 3), Instance(loginPermits: 3));
        var statuses = new List<HttpStatusCode>();
        foreach (var instance in new[] { first, second, first, second })
        {
            var email = $"limit-{Guid.NewGuid():N}@example.org";
            statuses.Add((await CalfwiseFactory.PostFormAsync(instance.Client(), "/Identity/Account/Login", new() { ["Input.Email"] = email, ["Input.Password"] = "some passphrase here" })).StatusCode);
        }

        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, statuses.Take(3));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[3]); // three a minute in all, not three per instance
    }

    [Fact]
    public async Task Wrong_passphrases_on_one_instance_delay_the_next_attempt_on_the_other()
    {
        await FlushAsync();
        var (first, second) = (Instance(), Instance());
        var email = $"target-{Guid.NewGuid():N}@example.org";
        var one = first.Client();
        for (var i = 0; i < Identity.LoginThrottleFreeFailures + 1; i++)
        {
            var wrong = await CalfwiseFactory.PostFormAsync(one, "/Identity/Account/Login", new() { ["Input.Email"] = email, ["Input.Password"] = $"wrong passphrase {i}" });
            Assert.NotEqual(HttpStatusCode.TooManyRequests, wrong.StatusCode);
        }

        var other = await CalfwiseFactory.PostFormAsync(second.Client(), "/Identity/Account/Login", new() { ["Input.Email"] = email, ["Input.Password"] = "another guess here" });
        Assert.Equal(HttpStatusCode.TooManyRequests, other.StatusCode);
        Assert.NotNull(other.Headers.RetryAfter);
    }

    public void Dispose()
    {
        foreach (var factory in _factories)
        {
            factory.Dispose();
        }
    }

    private async Task FlushAsync()
    {
        await using var admin = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(redis.Configuration + ",allowAdmin=true");
        await admin.GetServers()[0].FlushAllDatabasesAsync();
    }

    private CalfwiseFactory Instance(int loginPermits = 1000)
    {
        var factory = new CalfwiseFactory();
        factory.Settings["Redis:Configuration"] = redis.Configuration;
        factory.Settings["RateLimits:LoginPermitsPerMinute"] = loginPermits.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _factories.Add(factory);
        return factory;
    }

    private static class Identity
    {
        public const int LoginThrottleFreeFailures = Calfwise.Web.Areas.Identity.LoginThrottle.FreeFailures;
    }
}
