using System.Net;

namespace Calfwise.Web.Tests.Storage;

/// <summary>Issue 11: with Redis configured, the log-in delay counts failures made through any instance.</summary>
[Trait(TestCategories.Name, TestCategories.Slow)]
public sealed class SharedLoginDelayTests(RedisServer redis) : IClassFixture<RedisServer>, IDisposable
{
    private readonly List<CalfwiseFactory> _factories = [];

    [Fact]
    public async Task Wrong_passphrases_on_one_instance_delay_the_next_attempt_on_the_other()
    {
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

    private CalfwiseFactory Instance()
    {
        var factory = new CalfwiseFactory();
        factory.Settings["Redis:Configuration"] = redis.Configuration;
        _factories.Add(factory);
        return factory;
    }

    private static class Identity
    {
        public const int LoginThrottleFreeFailures = Calfwise.Web.Areas.Identity.LoginThrottle.FreeFailures;
    }
}
