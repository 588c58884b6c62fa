using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using Xunit.Abstractions;

namespace Calfwise.Web.Tests;

/// <summary>
/// Issue 11: a seeded HTTP fuzz run. Valid cases are mutated (bytes cut, repeated, swapped for hostile values) and
/// posted to every case endpoint and every form that takes a case; no answer may be a 5xx, and every answer must stay
/// small and quick. The seed is fixed, so a failure names a body that can be replayed.
/// </summary>
[Trait(TestCategories.Name, TestCategories.Slow)]
public sealed class FuzzTests(CalfwiseFactory factory, ITestOutputHelper output) : IClassFixture<CalfwiseFactory>
{
    public const int BodiesPerTarget = 1_000;
    private const int MaxAnswerBytes = 256 * 1024;
    private static readonly TimeSpan MaxAnswerTime = TimeSpan.FromSeconds(5);

    private static readonly string[] Seeds =
    [
        """{"age": 45, "sex": "female", "findings": {"urge-to-move-legs": true, "worse-at-rest": true, "calf-twitching": null}, "medications": ["sertraline"], "labs": [{"analyte": "ferritin", "value": 22, "unit": "ng/mL", "date": "2026-11-20"}]}""",
        """{"birthDate": "1966-03-01", "sex": "male", "findings": {"calf-swelling-one-side": true}, "labsUnavailable": ["iron-studies"], "instruments": {"irls": [2, 3, 1, 0, 2, 1, 2, 3, 1, 2]}}""",
        """{"age": 31, "sex": "female", "pregnant": true, "trimester": 3, "labs": [{"analyte": "hemoglobin", "value": 10.2, "unit": "g/dL"}, {"analyte": "potassium", "value": 6.6, "unit": "mmol/L"}]}""",
    ];

    private static readonly string[] Hostile =
    [
        "\\ud800", "\\udfff", "\"", "\\", "null", "true", "-1e309", "1e309", "NaN", "[]", "{}", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
        "0.0000000000000000000000000000001", "99999999999999999999999999999", "\u0000", "\u202e", "<script>alert(1)</script>",
        "x;=1+1;", new string('a', 5_000), string.Concat(Enumerable.Repeat("\"k\":1,", 500)),
    ];

    public static TheoryData<string> Targets() => ["/api/assessments", "/api/next-question", "/api/labs", "/Results", "/Interview?handler=Answer", "/Interview?handler=Continue"];

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task Mutated_cases_never_get_a_5xx_and_answers_stay_small_and_quick(string target)
    {
        var client = factory.Client();
        var form = !target.StartsWith("/api/", StringComparison.Ordinal);
        var token = form ? await CalfwiseFactory.TokenAsync(client, "/Labs") : "";
        var random = new Random(20261202 ^ target.Length);
        var statuses = new Dictionary<int, int>();
        var slowest = TimeSpan.Zero;
        var largest = 0;
        for (var i = 0; i < BodiesPerTarget; i++)
        {
            var body = Mutate(Seeds[random.Next(Seeds.Length)], random);
            HttpContent content = form
                ? new FormUrlEncodedContent(new Dictionary<string, string> { ["case"] = body, ["__RequestVerificationToken"] = token, ["history"] = "[]" })
                : new ByteArrayContent(Encoding.UTF8.GetBytes(body)) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } };
            var watch = Stopwatch.StartNew();
            using var response = await client.PostAsync(target, content);
            var answer = await response.Content.ReadAsByteArrayAsync();
            watch.Stop();

            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            (slowest, largest) = (watch.Elapsed > slowest ? watch.Elapsed : slowest, Math.Max(largest, answer.Length));
            Assert.True(status < 500, $"{target} body {i}: {status}\n{Core.Cases.CaseLimits.Echo(body)}\n{Core.Cases.CaseLimits.Echo(Encoding.UTF8.GetString(answer))}");
            Assert.True(answer.Length <= MaxAnswerBytes, $"{target} body {i}: a {answer.Length}-byte answer");
            Assert.True(watch.Elapsed <= MaxAnswerTime, $"{target} body {i}: {watch.Elapsed.TotalMilliseconds:F0} ms");
        }

        output.WriteLine($"{target}: {BodiesPerTarget} bodies, statuses {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}"))}, largest answer {largest} bytes, slowest {slowest.TotalMilliseconds:F0} ms");
    }

    /// <summary>One to three mutations of a valid case: a cut, a repeat, a hostile value spliced in, a byte flipped.</summary>
    private static string Mutate(string seed, Random random)
    {
        var text = seed;
        for (var n = random.Next(1, 4); n > 0; n--)
        {
            var at = random.Next(text.Length);
            var length = Math.Min(random.Next(1, 40), text.Length - at);
            text = random.Next(5) switch
            {
                0 => text.Remove(at, length),
                1 => text.Insert(at, text.Substring(at, length)),
                2 => text.Insert(at, Hostile[random.Next(Hostile.Length)]),
                3 => text[..at] + (char)random.Next(0x20, 0x7f) + text[Math.Min(text.Length, at + 1)..],
                _ => text.Replace(": ", ": " + Hostile[random.Next(Hostile.Length)], StringComparison.Ordinal),
            };
        }

        return text;
    }
}
