using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Calfwise.Core.Cases;
using Calfwise.Web.Api;

namespace Calfwise.Web.Tests;

/// <summary>Issue 11: hostile bodies on every case endpoint get a small 4xx problem naming the field, never a 500.</summary>
public sealed class HostileApiTests(CalfwiseFactory factory) : IClassFixture<CalfwiseFactory>
{
    private static readonly string[] CaseEndpoints = ["/api/assessments", "/api/next-question", "/api/labs"];

    public static TheoryData<string, string> Bodies() => new()
    {
        { "a 100 KB unknown finding id", $$$"""{"age": 40, "sex": "male", "findings": {"{{{new string('a', 100_000)}}}": true}}""" },
        { "a lone surrogate", """{"age": 40, "sex": "male", "medications": ["\ud800"]}""" },
        { "a lone low surrogate in a key", """{"age": 40, "sex": "male", "findings": {"\udc00": true}}""" },
        { "200 unknown findings", "{\"age\": 40, \"sex\": \"male\", \"findings\": {" + string.Join(",", Enumerable.Range(0, 150).Select(i => $"\"x{i}\": true")) + "}}" },
        { "a body over the limit", "{\"age\": 40, \"sex\": \"male\", \"medications\": [" + string.Join(",", Enumerable.Repeat("\"ibuprofen\"", 20_000)) + "]}" },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task A_hostile_body_gets_a_small_problem_not_a_500(string what, string body)
    {
        foreach (var path in CaseEndpoints)
        {
            var response = await factory.Client().PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));
            var text = await response.Content.ReadAsStringAsync();

            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{what} on {path}: {(int)response.StatusCode} {CaseLimits.Echo(text)}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.True(text.Length < 8_000, $"{what} on {path}: a {text.Length}-character answer");
            using var problem = JsonDocument.Parse(text);
            Assert.NotEmpty(problem.RootElement.GetProperty("errors").EnumerateObject());
        }
    }

    [Fact]
    public async Task Invalid_utf8_bytes_get_a_problem_not_a_500()
    {
        var bytes = Encoding.UTF8.GetBytes("""{"age": 40, "sex": "male", "medications": ["XX"]}""");
        var at = Array.IndexOf(bytes, (byte)'X');
        (bytes[at], bytes[at + 1]) = (0xff, 0xfe);
        foreach (var path in CaseEndpoints)
        {
            var content = new ByteArrayContent(bytes);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            var response = await factory.Client().PostAsync(path, content);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }
    }

    [Fact]
    public async Task A_chunked_body_over_the_limit_is_refused_without_reading_it_all()
    {
        var stream = new MemoryStream(Encoding.UTF8.GetBytes("{\"age\": 40, \"sex\": \"male\", \"medications\": [\"" + new string('x', CaseBody.MaxBytes * 3) + "\"]}"));
        var content = new StreamContent(stream); // no Content-Length: sent chunked
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var response = await factory.Client().PostAsync("/api/assessments", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"at most {CaseBody.MaxBytes} bytes", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
