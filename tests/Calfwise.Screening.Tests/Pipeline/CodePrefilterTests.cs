using System.Text;
using Calfwise.Knowledge;
using Calfwise.Screening.Pipeline;
using Calfwise.Testing.Screening;

namespace Calfwise.Screening.Tests.Pipeline;

/// <summary>The Observation prefilter searches the line's bytes for the analytes' LOINC codes: it must let through exactly the lines the search over the widened line does.</summary>
public sealed class CodePrefilterTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("calfwise-prefilter-").FullName;

    private static CodePrefilter Observations => CodePrefilter.For("Observation", EmbeddedKnowledge.Instance)!;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    public static TheoryData<string> Lines() =>
    [
        """{"code":{"coding":[{"system":"http://loinc.org","code":"2276-4"}]}}""",
        "\"2276-4\"",
        "\"2276-4",
        "2276-4\"",
        "x2276-4\"",
        "\"12276-4\"",
        "\"02276-4\"",
        "\"2276-5\"",
        "\"2276-44\"",
        "\"2276--4\"",
        "-4\"",
        "\"-4\"",
        "\"12345678-9\"",
        "\"1234567-8\"",
        "é\"2276-4\"é",
        "\"é2276-4\"",
        "{\"effectiveDateTime\":\"2026-11-01\",\"id\":\"a1b2-c3d4\",\"value\":\"7-4\"}",
        "\"19123-9\"",
        "\"19123-9 \"",
        "\"20567-4\"\"2276-4\"",
        "",
        "-",
        "\"",
    ];

    [Theory]
    [MemberData(nameof(Lines))]
    public void A_line_passes_exactly_when_the_widened_search_finds_a_code(string line)
    {
        var bytes = Encoding.UTF8.GetBytes(line);
        Assert.Equal(Observations.MayMatchWidened(bytes), Observations.MayMatch(bytes));
    }

    [Fact]
    public void The_bound_codes_pass_and_their_neighbours_do_not()
    {
        Assert.True(Observations.MayMatch("{\"code\":\"2276-4\"}"u8));
        Assert.False(Observations.MayMatch("{\"code\":\"2276-5\"}"u8));
        Assert.False(Observations.MayMatch("{\"code\":\"12276-4\"}"u8));
        Assert.True(Observations.MayMatch("{\"code\":\"\\u0032276-4\"}"u8)); // an escape could hide a code
    }

    [Fact]
    public void Every_observation_of_the_labelled_export_is_judged_as_by_the_widened_search()
    {
        var export = Path.Combine(_root, "export");
        LabelledExport.Write(export, gzip: false);
        var lines = Directory.GetFiles(export, "Observation*.ndjson").SelectMany(File.ReadAllLines).ToList();
        Assert.NotEmpty(lines);
        var filter = Observations;
        Assert.All(lines, line =>
        {
            var bytes = Encoding.UTF8.GetBytes(line);
            Assert.Equal(filter.MayMatchWidened(bytes), filter.MayMatch(bytes));
        });
        Assert.Contains(lines, line => filter.MayMatch(Encoding.UTF8.GetBytes(line)));
        Assert.Contains(lines, line => !filter.MayMatch(Encoding.UTF8.GetBytes(line)));
    }

    [Fact]
    public void The_vector_search_for_a_code_end_or_an_escape_finds_what_a_byte_by_byte_search_does_at_every_offset()
    {
        var random = new Random(13);
        var alphabet = "-0123456789\"a{}:\\u"u8.ToArray();
        for (var trial = 0; trial < 3000; trial++)
        {
            var line = new byte[random.Next(0, 140)];
            for (var i = 0; i < line.Length; i++)
            {
                line[i] = alphabet[random.Next(alphabet.Length)];
            }

            for (var from = 0; from <= line.Length; from++)
            {
                Assert.Equal(NaiveStop(line, from), CodePrefilter.NextStop(line, from));
            }
        }
    }

    [Fact]
    public void A_bound_code_is_found_wherever_it_lies_against_the_vector_width()
    {
        var filter = Observations;
        for (var offset = 0; offset < 100; offset++)
        {
            foreach (var code in new[] { "2276-4", "2276-5", "19123-9" })
            {
                var padding = new string('x', offset);
                var line = Encoding.UTF8.GetBytes($"{{\"id\":\"{padding}\",\"code\":\"{code}\",\"at\":\"2026-01-02\"}}");
                Assert.Equal(filter.MayMatchWidened(line), filter.MayMatch(line));
                Assert.Equal(code != "2276-5", filter.MayMatch(line));
            }
        }
    }

    [Fact]
    public void An_escape_passes_the_line_wherever_it_lies_and_other_backslashes_do_not()
    {
        var filter = Observations;
        for (var offset = 0; offset < 100; offset++)
        {
            var padding = new string('x', offset);
            Assert.True(filter.MayMatch(Encoding.UTF8.GetBytes($"{{\"id\":\"{padding}\\u0041\",\"code\":\"2276-5\"}}")));
            Assert.True(filter.MayMatch(Encoding.UTF8.GetBytes($"{padding}\\u")));
            Assert.False(filter.MayMatch(Encoding.UTF8.GetBytes($"{{\"id\":\"{padding}\\n\\\"\",\"code\":\"2276-5\"}}")));
            Assert.False(filter.MayMatch(Encoding.UTF8.GetBytes($"{padding}u\\")));
        }
    }

    private static int NaiveStop(byte[] line, int from)
    {
        for (var at = from; at + 1 < line.Length; at++)
        {
            if ((line[at] == '\\' && line[at + 1] == 'u')
                || (at + 2 < line.Length && line[at] == '-' && line[at + 1] is >= (byte)'0' and <= (byte)'9' && line[at + 2] == '"'))
            {
                return at;
            }
        }

        return -1;
    }
}
