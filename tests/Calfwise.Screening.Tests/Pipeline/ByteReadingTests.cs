using System.Globalization;
using System.Text;
using Calfwise.Screening.Pipeline;
using Calfwise.Screening.Views;

namespace Calfwise.Screening.Tests.Pipeline;

/// <summary>
/// The scan reads dates, reference keys and patient ids straight off a line's UTF-8 bytes: each byte reading gives
/// exactly what the string reading it replaces gives, on edge cases and on generated strings.
/// </summary>
public sealed class ByteReadingTests
{
    private static readonly string[] Dates =
    [
        "2026-02-28", "2024-02-29", "2023-02-29", "2000-02-29", "1900-02-29", "0000-01-01", "0001-01-01", "9999-12-31",
        "2026-13-01", "2026-00-10", "2026-01-00", "2026-01-32", "2026-04-31", "2026-1-011", " 2026-01-01", "2026-01-01 ",
        "2026-01-01T10:00:00Z", "2026-01-01T10:00:00+02:00", "2026", "2026-01", "2026-01-0", "+2026-01-01", "-2026-01-01",
        "2026/01/01", "20260101xx", "２０２６-01-01", "2026-0١-01", "2026-01-01é", "é2026-01-01", "2026-é1-01", "", "----------",
        "2026--01-01", "2026-01--01", "2026-01-1a",
    ];

    [Fact]
    public void Days_read_off_bytes_are_the_days_DateOnly_parses()
    {
        var random = new Random(20261202);
        const string alphabet = "0123456789012345678901234567890123456789--T:Z+ /é";
        var generated = Enumerable.Range(0, 50_000).Select(_ =>
        {
            var chars = new char[random.Next(8, 13)];
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = random.Next(4) == 0 ? alphabet[random.Next(alphabet.Length)] : "2026-07-15T"[Math.Min(i, 10)];
            }

            return new string(chars);
        });
        var parsed = 0;
        foreach (var text in Dates.Concat(generated))
        {
            DateOnly? expected = text.Length >= 10 && DateOnly.TryParseExact(text.AsSpan(0, 10), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;
            Assert.True(expected == FhirDays.Parse(Encoding.UTF8.GetBytes(text)), $"'{text}': expected {expected}");
            parsed += expected is null ? 0 : 1;
        }

        Assert.True(parsed > 1_000, $"only {parsed} dates parsed: the generated strings test too little");
    }

    public static TheoryData<string, string?> References() => new()
    {
        { "Patient/p1", "Patient" }, { "Patient/p1", null }, { "Group/g1", "Patient" }, { "Group/g1", null },
        { "https://x.org/fhir/Patient/p1/_history/2", "Patient" }, { "Patient/p1/_history/", "Patient" }, { "Patient/", "Patient" },
        { "/p1", null }, { "p1", null }, { "", null }, { "Patient//p1", "Patient" }, { "Patient//p1", null }, { "a/Patient/b/c", "Patient" },
        { "Patient/pé1", "Patient" }, { "Patiént/p1", "Patiént" }, { "Patiént/p1", "Patient" }, { "患者/p1", null }, { "Patient/p1/_history/2/_history/3", "Patient" },
        { "Patient/p1/", "Patient" }, { "urn:uuid:1234", "Patient" }, { "Patient/_history/2", "Patient" },
    };

    [Theory]
    [MemberData(nameof(References))]
    public void Reference_keys_cut_from_bytes_are_the_string_keys(string reference, string? type)
    {
        var utf8 = Encoding.UTF8.GetBytes(reference);
        var found = KeyFunction.Key(utf8, type is null ? null : Encoding.UTF8.GetBytes(type), out var start, out var length);
        Assert.Equal(KeyFunction.Key(reference, type), found ? Encoding.UTF8.GetString(utf8, start, length) : null);
    }

    [Fact]
    public void A_patient_id_s_bytes_go_to_the_bucket_of_its_string()
    {
        var random = new Random(7);
        var ids = new List<string> { "p1", "", "pé", "患者-1", "p\u0000", "😀", "Patient/p1" };
        ids.AddRange(Enumerable.Range(0, 2_000).Select(_ => new Guid(random.Next(), (short)random.Next(), (short)random.Next(), (byte)random.Next(), 0, 0, 0, 0, 0, 0, (byte)random.Next()).ToString()));
        foreach (var id in ids)
        {
            foreach (var count in new[] { 1, 8, 198, 16384 })
            {
                Assert.Equal(Buckets.Of(id, count), Buckets.Of(Encoding.UTF8.GetBytes(id), count));
            }
        }
    }

    [Theory]
    [InlineData("p1", "Observation/o1", "12.50")]
    [InlineData("pé-患者", "Observation/oé😀", "-0.000001")]
    [InlineData("", "Observation/", "79228162514264337593543950335")]
    [InlineData("p-200", "Observation/o-300", "0")] // ids longer than 127 bytes (a two-byte length) and a fact longer than 512 bytes
    public void A_lab_written_from_bytes_is_written_as_the_strings_are_and_reads_back(string patient, string resource, string number)
    {
        patient = patient == "p-200" ? new string('p', 200) : patient;
        resource = resource == "Observation/o-300" ? "Observation/" + new string('o', 300) : resource;
        var value = decimal.Parse(number, System.Globalization.CultureInfo.InvariantCulture);
        var day = new DateOnly(2026, 1, 2);
        using var expected = new MemoryStream();
        using (var writer = new BinaryWriter(expected, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write((byte)2); // the lab kind, then each part as BinaryWriter writes it
            writer.Write(patient);
            writer.Write("ferritin");
            writer.Write(value);
            writer.Write("ng/mL");
            writer.Write(resource);
            writer.Write(day.DayNumber);
        }

        using var actual = new MemoryStream();
        using (var writer = new BinaryWriter(actual, Encoding.UTF8, leaveOpen: true))
        {
            var slash = Encoding.UTF8.GetBytes(resource).AsSpan();
            var cut = slash.IndexOf((byte)'/') + 1;
            FactCodec.WriteLab(writer, Encoding.UTF8.GetBytes(patient), "ferritin", value, "ng/mL", slash[..cut], slash[cut..], day);
        }

        Assert.Equal(expected.ToArray(), actual.ToArray());
        actual.Position = 0;
        using var reader = new FactReader();
        reader.Read(actual);
        var record = Assert.Single(reader.Records);
        Assert.Equal(patient, record.PatientId);
        Assert.Equal(new Calfwise.Screening.Population.LabFact("ferritin", value, "ng/mL", new(resource, day)), Assert.Single(record.Labs));
    }
}
