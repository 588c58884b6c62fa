using System.Diagnostics;
using Xunit.Abstractions;

namespace Calfwise.Web.Tests;

/// <summary>
/// Issue 11: every form post, fuzzed. Each field gets a plausible value, a hostile one (lone surrogate, control
/// characters, 5,000 characters, a formula, a huge number), or is left out; no answer may be a 5xx or slower than 5 s.
/// </summary>
[Trait(TestCategories.Name, TestCategories.Slow)]
public sealed class FormFuzzTests : IClassFixture<CalfwiseFactory>
{
    public const int PostsPerForm = 1_000;

    private readonly CalfwiseFactory factory;
    private readonly ITestOutputHelper output;

    public FormFuzzTests(CalfwiseFactory factory, ITestOutputHelper output)
    {
        // Thousands of account posts from one address: the per-address limit would answer 429 to nearly all of them,
        // and the fuzz is about what the forms do with their fields (the limit has tests of its own).
        factory.Settings["RateLimits:LoginPermitsPerMinute"] = "1000000";
        (this.factory, this.output) = (factory, output);
    }

    private static readonly string[] Hostile =
    [
        "", " ", "\ud800", "\u0000", "\u202e", "-1", "0", "1e309", "NaN", "99999999999999999999", "2026-02-30", "25:61",
        "=1+1", "x;=1+1;", "<script>alert(1)</script>", new string('9', 5_000), new string('a', 5_000), "yes", "on", "true",
    ];

    public static TheoryData<string, string, string> Forms() => new()
    {
        // page whose form is posted, handler address, fields with a plausible value each (name=value|...)
        { "/Labs", "/Labs", "age=45|sex=female|pregnant=no|values[ferritin]=22|units[ferritin]=ng/mL|values[hemoglobin]=12.1|units[hemoglobin]=g/dL" },
        { "/Interview", "/Interview?handler=Start", "age=45|sex=female|pregnant=no|medications=sertraline|medications=ibuprofen" },
        { "/Diary", "/Diary?handler=Episode", "date=2026-11-20|time=21:30|duration=10|kind=urge-to-move|leg=left|location=calf|intensity=6|atRest=true|timeZone=Europe/London" },
        { "/Diary", "/Diary?handler=Day", "day=2026-11-20|caffeine=3|alcohol=1|sleep=6.5|stress=3|exercise=30|fluids=1.5|iron=false|timeZone=Europe/London" },
        { "/Identity/Account/Login", "/Identity/Account/Login", "Input.Email=someone@example.org|Input.Password=correct horse battery" },
        { "/Identity/Account/Register", "/Identity/Account/Register", "Input.Email=new@example.org|Input.Password=correct horse battery|Input.ConfirmPassword=correct horse battery" },
    };

    [Theory]
    [MemberData(nameof(Forms))]
    public async Task Mutated_form_posts_never_get_a_5xx(string page, string action, string fields)
    {
        var client = page.StartsWith("/Diary", StringComparison.Ordinal)
            ? await factory.SignedInClientAsync($"fuzz-{Guid.NewGuid():N}@example.org")
            : factory.Client();
        var token = await CalfwiseFactory.TokenAsync(client, page);
        var plausible = fields.Split('|').Select(f => f.Split('=', 2)).Select(p => (Name: p[0], Value: p[1])).ToList();
        var random = new Random(20261202 ^ action.Length);
        var statuses = new Dictionary<int, int>();
        var slowest = TimeSpan.Zero;
        for (var i = 0; i < PostsPerForm; i++)
        {
            var posted = new List<KeyValuePair<string, string>> { new("__RequestVerificationToken", token) };
            foreach (var (name, value) in plausible)
            {
                switch (random.Next(4))
                {
                    case 0:
                        break; // left out
                    case 1:
                        posted.Add(new(name, Hostile[random.Next(Hostile.Length)]));
                        break;
                    default:
                        posted.Add(new(name, value));
                        break;
                }
            }

            var watch = Stopwatch.StartNew();
            using var response = await client.PostAsync(action, new FormUrlEncodedContent(posted));
            var body = await response.Content.ReadAsStringAsync();
            watch.Stop();
            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            slowest = watch.Elapsed > slowest ? watch.Elapsed : slowest;
            Assert.True(status < 500, $"{action} post {i}: {status} with {string.Join("&", posted.Skip(1).Select(p => $"{p.Key}={Core.Cases.CaseLimits.Echo(p.Value)}"))}\n{Core.Cases.CaseLimits.Echo(body)}");
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"{action} post {i}: {watch.Elapsed.TotalMilliseconds:F0} ms");
        }

        output.WriteLine($"{action}: {PostsPerForm} posts, statuses {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}"))}, slowest {slowest.TotalMilliseconds:F0} ms");
    }
}
