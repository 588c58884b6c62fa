using System.Text;
using System.Text.Json;
using Calfwise.Knowledge;
using Calfwise.Screening.Synth;
using Calfwise.Screening.Views;
using Calfwise.Testing.Screening;

namespace Calfwise.Screening.Tests.Views;

/// <summary>
/// The fast tokenizer of plain lines may be stricter than the system reader, never looser: whenever it reads a line
/// to its end without failing, the system reader accepts the line too and gives the same tokens at the same places;
/// and it does read the valid lines real exports hold.
/// </summary>
public sealed class LineJsonReaderTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("calfwise-line-json-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    public static TheoryData<string, bool> Lines() => new()
    {
        { """{"a":1,"b":[true,false,null],"c":{"d":"e"},"f":-0.5e+10}""", true },
        { """ { "a" : 1 , "b" : [ ] , "c" : { } } """, true },
        { "{}", true },
        { "{\t\"a\"\r\n:\"é€😀\"}", true },
        { """{"n":[0,-0,1,10,1.25,1E5,1e-5,-12.5E+3]}""", true },
        { """{"a":01}""", false },
        { """{"a":1.}""", false },
        { """{"a":.5}""", false },
        { """{"a":-}""", false },
        { """{"a":1e}""", false },
        { """{"a":+1}""", false },
        { """{"a":1x}""", false },
        { """{"a":tru}""", false },
        { """{"a":truex}""", false },
        { """{"a":nul}""", false },
        { """{"a":1,}""", false },
        { """{"a":[1,]}""", false },
        { """{"a" 1}""", false },
        { """{"a":1 "b":2}""", false },
        { """{a:1}""", false },
        { """{"a":1}}""", false },
        { """{"a":1} x""", false },
        { """{"a":1}{}""", false },
        { """{"a":[1}""", false },
        { """{"a":{"b":1]}""", false },
        { """{"a":"b""", false },
        { """{"a":"b}""", false },
        { "{\"a\":\"b\u0001c\"}", false },
        { "{\"a\":\"b\nc\"}", false },
        { "", false },
        { "   ", false },
        { "{", false },
        { "[", false },
        { "]", false },
        { "\uFEFF{}", false },
        { "{\"a\":1}//", false },
        { "{/*x*/\"a\":1}", false },
        { """{"a":'b'}""", false },
        { """{"a":NaN}""", false },
    };

    [Theory]
    [MemberData(nameof(Lines))]
    public void A_line_read_to_its_end_is_one_the_system_reader_reads_alike(string text, bool valid)
    {
        var line = Encoding.UTF8.GetBytes(text);
        Assert.Equal(valid, FastTokens(line) is not null);
        Assert.Equal(valid, SystemTokens(line) is not null);
        if (valid)
        {
            Assert.Equal(SystemTokens(line), FastTokens(line));
        }
    }

    [Theory]
    [InlineData(62, true)]
    [InlineData(63, true)]
    [InlineData(64, false)]
    [InlineData(200, false)]
    public void Nesting_deeper_than_the_limit_fails_and_goes_to_the_system_reader(int depth, bool read)
    {
        var line = Encoding.UTF8.GetBytes(new string('[', depth) + new string(']', depth));
        Assert.Equal(read, FastTokens(line) is not null);
        Assert.Equal(depth <= 64, SystemTokens(line) is not null);
    }

    [Fact]
    public void Lines_with_an_escape_or_broken_utf8_are_left_to_the_system_reader()
    {
        Assert.False(LineJsonReader.Fits("""{"a":"b\"c"}"""u8));
        Assert.False(LineJsonReader.Fits([(byte)'{', (byte)'"', 0xC3, (byte)'"', (byte)'}']));
        Assert.True(LineJsonReader.Fits("""{"a":"é"}"""u8));
    }

    [Fact]
    public void Every_line_of_the_labelled_and_a_synthetic_export_is_read_alike()
    {
        var lines = ExportLines();
        Assert.True(lines.Count > 1000);
        foreach (var line in lines)
        {
            var fast = FastTokens(line);
            Assert.NotNull(fast);
            Assert.Equal(SystemTokens(line), fast);
            Assert.Equal(SkipEverywhere(line, fast: false), SkipEverywhere(line, fast: true));
        }
    }

    [Fact]
    public void Broken_lines_it_reads_or_skips_in_to_their_end_are_read_alike_by_the_system_reader()
    {
        var random = new Random(2026);
        var lines = ExportLines();
        int read = 0, failed = 0, skipped = 0, skipsFailed = 0;
        for (var trial = 0; trial < 20_000; trial++)
        {
            var bytes = Break(lines[random.Next(lines.Count)], random);
            if (!LineJsonReader.Fits(bytes))
            {
                continue;
            }

            if (FastTokens(bytes) is { } fast)
            {
                read++;
                Assert.Equal(SystemTokens(bytes), fast);
            }
            else
            {
                failed++;
            }

            // Skipping a value fails, or ends where the system reader's skip ends.
            for (var name = 0; name < 12; name++)
            {
                var reader = new LineJsonReader(bytes);
                if (SkipOnce(ref reader, name) is { } end && !reader.Failed)
                {
                    skipped++;
                    var system = new SystemJsonTokens(bytes);
                    Assert.Equal(end, SkipOnce(ref system, name));
                }
                else
                {
                    skipsFailed++;
                }
            }
        }

        // Both kinds met, so the comparisons were made.
        Assert.True(read > 1000 && failed > 1000 && skipped > 1000 && skipsFailed > 1000, $"read {read}, failed {failed}, skipped {skipped}, skips failed {skipsFailed}");
    }

    /// <summary>A line with one to three bytes removed, inserted or replaced by pieces of JSON.</summary>
    private static byte[] Break(byte[] bytes, Random random)
    {
        var pieces = "{}[],:\" -.0123456789eEtrufalsn\t"u8;
        var line = bytes.ToList();
        for (var edits = random.Next(1, 4); edits > 0 && line.Count > 0; edits--)
        {
            var at = random.Next(line.Count);
            switch (random.Next(3))
            {
                case 0: line.RemoveAt(at); break;
                case 1: line.Insert(at, pieces[random.Next(pieces.Length)]); break;
                default: line[at] = pieces[random.Next(pieces.Length)]; break;
            }
        }

        return [.. line];
    }

    /// <summary>The token a skip of the value of the line's property number <paramref name="name"/> ends on; null when the reader throws.</summary>
    private static string? SkipOnce<TReader>(ref TReader reader, int name)
        where TReader : IJsonTokens, allows ref struct
    {
        try
        {
            var seen = 0;
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName && seen++ == name)
                {
                    reader.Skip();
                    return Describe(reader.TokenType, reader.TokenStartIndex, reader.ValueSpan);
                }
            }

            return "end";
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private List<byte[]> ExportLines()
    {
        var export = Path.Combine(_root, "export");
        LabelledExport.Write(export, gzip: false);
        new SynthExport(EmbeddedKnowledge.Instance).Write(new SynthOptions(40, 3, new DateOnly(2026, 6, 30)), Directory.CreateDirectory(Path.Combine(_root, "synth")).FullName);
        return Directory.GetFiles(_root, "*.ndjson", SearchOption.AllDirectories)
            .SelectMany(File.ReadAllLines).Where(l => l.Length > 0).Select(Encoding.UTF8.GetBytes).ToList();
    }

    /// <summary>The tokens (type, place, bytes) the fast reader gives to the end of the line, or null when it failed.</summary>
    private static string? FastTokens(byte[] line)
    {
        var reader = new LineJsonReader(line);
        var tokens = new StringBuilder();
        while (reader.Read())
        {
            tokens.Append(Describe(reader.TokenType, reader.TokenStartIndex, reader.ValueSpan));
        }

        return reader.Failed ? null : tokens.ToString();
    }

    private static string? SystemTokens(byte[] line)
    {
        try
        {
            var reader = new Utf8JsonReader(line, isFinalBlock: true, state: default);
            var tokens = new StringBuilder();
            while (reader.Read())
            {
                tokens.Append(Describe(reader.TokenType, reader.TokenStartIndex, reader.ValueSpan));
            }

            return tokens.ToString();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>For each property name in turn: the token after skipping its value from there (both readers start afresh).</summary>
    private static string SkipEverywhere(byte[] line, bool fast)
    {
        var result = new StringBuilder();
        for (var name = 0; ; name++)
        {
            if (fast ? SkipFast(line, name, result) : SkipSystem(line, name, result))
            {
                continue;
            }

            return result.ToString();
        }
    }

    private static bool SkipFast(byte[] line, int name, StringBuilder result)
    {
        var reader = new LineJsonReader(line);
        return SkipAt(ref reader, name, result);
    }

    private static bool SkipSystem(byte[] line, int name, StringBuilder result)
    {
        var reader = new SystemJsonTokens(line);
        return SkipAt(ref reader, name, result);
    }

    private static bool SkipAt<TReader>(ref TReader reader, int name, StringBuilder result)
        where TReader : IJsonTokens, allows ref struct
    {
        var seen = 0;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && seen++ == name)
            {
                reader.Skip();
                result.Append(Describe(reader.TokenType, reader.TokenStartIndex, reader.ValueSpan));
                return reader.Read() && result.Append(Describe(reader.TokenType, reader.TokenStartIndex, reader.ValueSpan)) is not null;
            }
        }

        return false;
    }

    private static string Describe(JsonTokenType type, long start, ReadOnlySpan<byte> value) =>
        $"{type}@{start}:{Encoding.UTF8.GetString(value)}|";
}
