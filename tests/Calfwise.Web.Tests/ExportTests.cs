using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace Calfwise.Web.Tests;

/// <summary>The data exports: never cached, CSV in UTF-8 with a byte order mark, and no cell a spreadsheet reads as a formula in any locale.</summary>
public sealed class ExportTests(CalfwiseFactory factory) : IClassFixture<CalfwiseFactory>
{
    [Theory]
    [InlineData("Csv")]
    [InlineData("Json")]
    [InlineData("Pdf")]
    public async Task Exports_are_never_stored_by_caches(string handler)
    {
        var client = await factory.SignedInClientAsync($"export-cache-{Guid.NewGuid():N}@example.org");
        var response = await client.GetAsync($"/Report?handler={handler}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore, $"the {handler} export sends no Cache-Control: no-store");
    }

    [Fact]
    public async Task The_csv_is_utf8_with_a_byte_order_mark_and_says_so()
    {
        var client = await factory.SignedInClientAsync($"export-bom-{Guid.NewGuid():N}@example.org");
        var episode = new { start = "2026-11-20T22:00:00+00:00", durationMinutes = 1, leg = "left", location = "mollet gauche – ünïcödé", kind = "twitch", intensity = 1, atRest = true };
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/diary/episodes", episode)).StatusCode);

        var response = await client.GetAsync("/Report?handler=Csv");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet, ignoreCase: true);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        Assert.Contains("mollet gauche – ünïcödé", new UTF8Encoding(false, true).GetString(bytes, 3, bytes.Length - 3), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+1", "'+1")]
    [InlineData("-1+2", "'-1+2")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("x;=1+1;", "x;'=1+1;")] // a semicolon locale splits here: the second cell must not be a formula
    [InlineData("x; @A1", "x; '@A1")]
    [InlineData("calf,=2+2", "calf,'=2+2")]
    [InlineData("x|=cmd", "x|'=cmd")]
    public async Task No_cell_becomes_a_formula_whichever_separator_the_spreadsheet_uses(string location, string neutralised)
    {
        var client = await factory.SignedInClientAsync($"export-formula-{Guid.NewGuid():N}@example.org");
        var episode = new { start = "2026-11-20T22:00:00+00:00", durationMinutes = 1, leg = "left", location, kind = "twitch", intensity = 1, atRest = true };
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/diary/episodes", episode)).StatusCode);

        var csv = await client.GetStringAsync("/Report?handler=Csv");
        var line = Assert.Single(csv.Split("\r\n"), l => l.StartsWith("episode,", StringComparison.Ordinal));

        Assert.Contains(neutralised, line, StringComparison.Ordinal);
        foreach (var separator in new[] { ',', ';', '\t', '|' })
        {
            Assert.All(line.Split(separator), cell => Assert.False(cell.TrimStart(' ', '"').Length > 0 && "=+-@".Contains(cell.TrimStart(' ', '"')[0], StringComparison.Ordinal), $"'{cell}' is a formula when split on '{separator}'"));
        }
    }
}
