using System.Globalization;
using System.Text;
using System.Text.Json;
using Calfwise.Knowledge;
using Calfwise.Screening.Pipeline;
using Calfwise.Screening.Population;
using Calfwise.Screening.Synth;
using Calfwise.Screening.Tests.Synth;
using Calfwise.Screening.Views;
using Calfwise.Testing.Screening;

namespace Calfwise.Screening.Tests.Pipeline;

/// <summary>
/// The Observation lines of two exports, mutated many ways with a fixed seed (days about the window's edges and odd
/// ones, added, nested, repeated and reordered properties, whitespace, escapes, other digits, stray and invalid
/// bytes): no line the scan would leave unparsed gives a lab in the window, read either way (a JsonDocument through
/// the view, the reference, or straight off its bytes).
/// </summary>
public sealed class LabWindowPrefilterFuzzTests : IDisposable
{
    private static readonly DateOnly Today = new(2026, 12, 1);
    private readonly string _root = Directory.CreateTempSubdirectory("calfwise-lab-window-fuzz-").FullName;
    private readonly FactMapper _mapper = new(EmbeddedKnowledge.Instance);
    private readonly LabWindowPrefilter _filter = new(Today);
    private readonly ScreeningViews.Reader _general;
    private readonly ScreeningViews.Reader _streaming;

    public LabWindowPrefilterFuzzTests()
    {
        _general = ScreeningViews.Shipped.ReaderFor("Observation", _mapper)!;
        _streaming = ScreeningViews.Shipped.ReaderFor("Observation", _mapper)!;
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static readonly string[] Days =
    [
        .. new[] { 0, 1, -1, -30, -364, -365, -366, -367, -400, -3650, 2, 400 }.Select(d => Format(Today.AddDays(d))),
        "0001-01-01", "9999-12-31", "2024-02-29", "2020-01-02", "0000-01-01", "2025-02-29", "2026-13-01", "2026-11-31",
        "2026-11-3", "2026-11", "2026", "+2026-11-30", "2026/11/30", "20261130",
    ];

    private static readonly string[] Suffixes = ["", "", "T00:00:00Z", "T23:59:59+14:00", "T00:30:00-12:00", "T10:00:00.123Z", "Z", " ", "x", "T"];

    private static readonly string[] Names =
    [
        "effectiveDateTime", "effectiveDateTime", "issued", "issued", "effectivePeriod", "effectiveInstant", "effective", "effectiveDate",
        "effectiveString", "effectiveTiming", "_effectiveDateTime", "_issued", "Issued", "issuedX", "EffectiveDateTime", "effectivedatetime",
    ];

    private static readonly string[] Colons = [":", ":", ":", " :", ": ", "\t:"];

    /// <summary>Bytes a byte-level mutation puts in: JSON's structure, digits, and what is not UTF-8.</summary>
    private static readonly byte[] Stray = [(byte)'"', (byte)'\\', (byte)'{', (byte)'}', (byte)'[', (byte)',', (byte)':', (byte)' ', (byte)'0', (byte)'9', (byte)'-', (byte)'T', 0x00, 0x80, 0xC0, 0xFF];

    [Fact]
    public void No_mutated_observation_left_out_gives_a_lab_in_the_window()
    {
        var random = new Random(20261201);
        int left = 0, read = 0, failed = 0, total = 0;
        foreach (var line in Seeds())
        {
            for (var variant = 0; variant < 8; variant++)
            {
                var text = line;
                for (int i = 0, n = 1 + random.Next(3); i < n; i++)
                {
                    text = Mutate(text, random);
                }

                var bytes = Encoding.UTF8.GetBytes(text);
                if (random.Next(6) == 0)
                {
                    bytes = MutateBytes(bytes, random);
                }

                var handed = Trimmed(bytes);
                if (handed.Length == 0)
                {
                    continue;
                }

                var outside = _filter.IsOutside(handed);
                var (general, broke) = ReadGeneral(handed);
                Assert.False(outside && general, $"left out, but the general reading keeps its lab: {Show(handed)}");
                Assert.False(outside && ReadStreamed(handed), $"left out, but the streaming reading keeps its lab: {Show(handed)}");
                total++;
                left += outside ? 1 : 0;
                read += general ? 1 : 0;
                failed += broke ? 1 : 0;
            }
        }

        // Both kinds of line, and lines the reader cannot read, are met in numbers.
        Assert.True(left > 1000 && read > 500 && failed > 200, $"{total} lines: {left} left out, {read} read in the window, {failed} not readable");
    }

    [Theory]
    [InlineData("\"effectiveDateTime\":\"2020-01-02\"", true, false)]
    [InlineData("\"effectiveDateTime\":\"2020-01-02\",\"issued\":\"2026-11-30\"", false, false)]
    [InlineData("\"issued\":\"2020-01-03\",\"effectiveDateTime\":\"2026-11-30\"", false, true)]
    public void A_long_line_is_read_to_its_end(string dated, bool outside, bool kept)
    {
        var line = "{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"2276-4\"}]},"
            + "\"subject\":{\"reference\":\"Patient/p1\"},\"valueQuantity\":{\"value\":12,\"system\":\"http://unitsofmeasure.org\",\"code\":\"ng/mL\"},"
            + $"\"note\":[{{\"text\":\"{new string('x', 1 << 20)}\"}}],{dated}}}";
        var bytes = Encoding.UTF8.GetBytes(line);
        Assert.Equal(outside, _filter.IsOutside(bytes));
        Assert.Equal(kept, ReadGeneral(bytes).Kept);
    }

    /// <summary>The Observation lines of the labelled export and of a small synthetic one (ten years of labs).</summary>
    private List<string> Seeds()
    {
        var labelled = Directory.CreateDirectory(Path.Combine(_root, "labelled")).FullName;
        LabelledExport.Write(labelled);
        var synthetic = Directory.CreateDirectory(Path.Combine(_root, "synthetic")).FullName;
        new SynthExport(EmbeddedKnowledge.Instance).Write(new SynthOptions(40, 7, Today), synthetic);
        return [.. new[] { labelled, synthetic }.SelectMany(d => Directory.GetFiles(d, "Observation*.ndjson")).Order(StringComparer.Ordinal).SelectMany(ExportFiles.Lines)];
    }

    private static string Mutate(string line, Random random)
    {
        var head = line.StartsWith("{\"resourceType\":\"Observation\",", StringComparison.Ordinal) ? 30 : 1;
        switch (random.Next(13))
        {
            case 0 or 1: // the day moved
                var at = line.IndexOf("\"effectiveDateTime\":\"", StringComparison.Ordinal);
                var end = at < 0 ? -1 : line.IndexOf('"', at + 21);
                return end < 0 ? line : line[..(at + 21)] + Pick(Days, random) + Pick(Suffixes, random) + line[end..];
            case 2: // a property added first
                return line.Insert(head, Property(random) + ",");
            case 3: // or last
                return line.EndsWith('}') ? line[..^1] + "," + Property(random) + "}" : line;
            case 4: // nested in a contained resource, an extension or a text
                var nested = random.Next(3) switch
                {
                    0 => $"\"contained\":[{{\"resourceType\":\"Observation\",{Property(random)}}}]",
                    1 => $"\"extension\":[{{\"url\":\"http://example.org/x\",{Property(random)}}}]",
                    _ => $"\"note\":[{{\"text\":\"{Pick(Names, random)}\"}}]",
                };
                return random.Next(2) == 0 ? line.Insert(head, nested + ",") : line.EndsWith('}') ? line[..^1] + "," + nested + "}" : line;
            case 5: // a property taken away
                return Reshape(line, o => o.Remove(Pick(Names, random)));
            case 6: // the day's property moved first
                return Reshape(line, o =>
                {
                    if (o["effectiveDateTime"] is { } day)
                    {
                        o.Remove("effectiveDateTime");
                        o.Insert(random.Next(2), "effectiveDateTime", day);
                    }
                });
            case 12: // the day's property moved into a contained resource, the resource's own issued some day
                return Reshape(line, o =>
                {
                    if (o["effectiveDateTime"] is { } day)
                    {
                        o.Remove("effectiveDateTime");
                        o["contained"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject { ["resourceType"] = "Observation", ["effectiveDateTime"] = day });
                        o["issued"] = Pick(Days, random) + Pick(Suffixes, random);
                    }
                });
            case 7: // whitespace after a colon or comma
                var mark = Nth(line, c => c is ':' or ',', random);
                return mark < 0 ? line : line.Insert(mark + 1, Pick([" ", "\t", "\r", "\n", "  "], random));
            case 8: // a character written as an escape
                var escaped = random.Next(line.Length);
                return line[..escaped] + $"\\u{(int)line[escaped]:x4}" + line[(escaped + 1)..];
            case 9: // a digit written in another script (Arabic-Indic, fullwidth, Devanagari)
                var digit = Nth(line, char.IsAsciiDigit, random);
                return digit < 0 ? line : line[..digit] + (char)(Pick([0x0660, 0xFF10, 0x0966], random) + line[digit] - '0') + line[(digit + 1)..];
            case 10: // around the line
                return Pick(["", " ", "\t", "\r", "\uFEFF"], random) + line + Pick(["", " ", "\t", "\r", "\r\r"], random);
            default: // the resource's head
                return random.Next(3) switch
                {
                    0 => line.Insert(1, "\"id\":\"first\","),
                    1 => line.Replace("\"Observation\"", "\"Observation \"", StringComparison.Ordinal),
                    _ => line.Insert(head, "\"resourceType\":\"Observation\","),
                };
        }
    }

    private static byte[] MutateBytes(byte[] bytes, Random random)
    {
        var at = random.Next(bytes.Length);
        return random.Next(3) switch
        {
            0 => [.. bytes[..at], Stray[random.Next(Stray.Length)], .. bytes[(at + 1)..]],
            1 => [.. bytes[..at], .. bytes[(at + 1)..]],
            _ => [.. bytes[..at], .. Pick<byte[]>([[0xC0, 0xB2], [0xE0, 0x80, 0xB2], [0xEF, 0xBB, 0xBF], [0xED, 0xA0, 0x80]], random), .. bytes[at..]],
        };
    }

    /// <summary>A property the view could take a day from, or one that only looks like it, written in one of several ways.</summary>
    private static string Property(Random random)
    {
        var name = Pick(Names, random);
        var day = Pick(Days, random) + Pick(Suffixes, random);
        var value = random.Next(10) switch
        {
            < 6 when name is "effectivePeriod" or "effectiveTiming" => $"{{\"start\":\"{day}\"}}",
            < 6 => $"\"{day}\"",
            6 => $"{{\"start\":\"{day}\",\"end\":\"{day}\"}}",
            7 => $"[\"{day}\"]",
            8 => "null",
            _ => random.Next(2) == 0 ? "20201231" : "\"issued\"",
        };
        if (random.Next(4) == 0) // the name hidden behind an escape
        {
            var at = random.Next(name.Length);
            name = name[..at] + $"\\u{(int)name[at]:x4}" + name[(at + 1)..];
        }

        return $"\"{name}\"{Pick(Colons, random)}{value}";
    }

    /// <summary>The line rewritten through a JsonNode (properties in order, nothing escaped that need not be); unchanged when it is not an object.</summary>
    private static string Reshape(string line, Action<System.Text.Json.Nodes.JsonObject> change)
    {
        try
        {
            if (System.Text.Json.Nodes.JsonNode.Parse(line) is System.Text.Json.Nodes.JsonObject resource)
            {
                change(resource);
                return resource.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
            }
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            // not JSON, or a repeated property (which a JsonObject refuses): left as it is
        }

        return line;
    }

    /// <summary>The line as NdjsonLines hands it: spaces, tabs and carriage returns taken off both ends.</summary>
    private static byte[] Trimmed(byte[] bytes) => bytes.AsSpan().Trim(" \t\r"u8).ToArray();

    /// <summary>Whether the general reading (JsonDocument, then the view) gives a lab in the window; and whether the line could not be read at all.</summary>
    private (bool Kept, bool Broke) ReadGeneral(byte[] line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            return (_general.Map(document.RootElement).Fact is LabFact lab && RecordCase.InLabWindow(lab.Date, Today), false);
        }
        catch (Exception e) when (e is JsonException or ViewEvaluationException or InvalidOperationException)
        {
            return (false, true); // not JSON (counted as a problem by the scan), or a line the scan stops on: no lab either way
        }
    }

    private bool ReadStreamed(byte[] line)
    {
        try
        {
            return _streaming.TryMap(line) is { Fact: LabFact lab } && RecordCase.InLabWindow(lab.Date, Today);
        }
        catch (Exception e) when (e is JsonException or ViewEvaluationException or InvalidOperationException)
        {
            return false;
        }
    }

    private static int Nth(string line, Func<char, bool> match, Random random)
    {
        var count = line.Count(match);
        if (count == 0)
        {
            return -1;
        }

        for (int i = 0, n = random.Next(count); i < line.Length; i++)
        {
            if (match(line[i]) && n-- == 0)
            {
                return i;
            }
        }

        return -1;
    }

    private static T Pick<T>(T[] items, Random random) => items[random.Next(items.Length)];

    private static string Format(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Show(byte[] line) => Convert.ToHexString(line.Length > 4000 ? line[..4000] : line) + " = " + Encoding.UTF8.GetString(line);
}
