using System.Collections;
using System.Text;
using Calfwise.Core.Knowledge;
using Calfwise.Screening.Pipeline;
using Calfwise.Screening.Population;

namespace Calfwise.Screening.Tests.Pipeline;

/// <summary>
/// Bucket files read back in chunks give every fact written, whatever the chunk size (facts cut by a chunk's end,
/// facts longer than a chunk), from empty files too; evidence left in the chunks is the evidence written.
/// </summary>
public sealed class FactReaderTests
{
    private static readonly DateOnly Day = new(2026, 3, 4);

    private static readonly string Long = string.Concat(Enumerable.Repeat("Observation/é😀-", 400));

    private static readonly (string Patient, object Fact)[] Facts =
    [
        ("p1", new PatientFact(Sex.Female, new DateOnly(1970, 5, 6), true, false)),
        ("p1", new LabFact("ferritin", 12.50m, "ng/mL", new("Observation/o1", Day))),
        ("p1", new LabFact("potassium", -0.000100m, "mmol/L", new("Observation/o2", null))),
        ("p2", new ConditionFact(["restless-legs"], [], false, true, new("Condition/c1", Day))),
        ("p1", new ConditionFact(["restless-legs"], [], false, true, new("Condition/c2", null))),
        ("pé-患者", new PatientFact(null, null, false, true)),
        ("pé-患者", new MedicationFact("pramipexole", ["dopamine-agonist"], true, new("MedicationRequest/m1", Day))),
        ("p2", new MedicationFact("furosemide", ["loop-diuretic", "x"], false, new(Long, Day))),
        ("p3", new ProcedureFact("gi-investigation", new("Procedure/x1", Day.AddDays(-400)))),
        ("p2", new ConditionFact([], ["previous-dvt", "on-dialysis"], true, false, new("Condition/é", Day))),
        ("", new LabFact("hemoglobin", 79228162514264337593543950335m, "g/dL", new("", Day))),
        ("p1", new LabFact("ferritin", 30m, "ng/mL", new("Observation/o3", DateOnly.MinValue))),
    ];

    [Fact]
    public void Every_fact_reads_back_in_chunks_of_any_size_cut_anywhere()
    {
        var bytes = Written(Facts);
        var expected = Dump(Expected(Facts));
        foreach (var chunk in Enumerable.Range(1, 130).Append(FactReader.ChunkBytes))
        {
            using var reader = new FactReader(chunk);
            reader.Read(new MemoryStream(bytes));
            Assert.Equal(expected, Dump(reader.Records));
        }
    }

    [Fact]
    public void Files_read_one_after_another_gather_into_one_record_per_patient_and_empty_files_add_nothing()
    {
        var (first, second) = (Facts[..5], Facts[5..]);
        using var reader = new FactReader(48);
        foreach (var file in new[] { [], Written(first), [], [], Written(second), [] })
        {
            reader.Read(new Trickle(file));
        }

        Assert.Equal(Dump(Expected(Facts)), Dump(reader.Records));
        Assert.Equal(new[] { "p1", "p2", "pé-患者", "p3", "" }, reader.Records.Select(r => r.PatientId));

        using var empty = new FactReader();
        empty.Read(new MemoryStream());
        Assert.Empty(empty.Records);
    }

    [Fact]
    public void Records_asked_for_between_files_gather_the_labs_of_the_later_files_after_theirs_in_order()
    {
        var (first, second) = (Facts[..5], Facts[5..]);
        using var reader = new FactReader(48);
        reader.Read(new MemoryStream(Written(first)));
        Assert.Equal(Dump(Expected(first)), Dump(reader.Records));
        var p1 = reader.Record("p1")!;
        reader.Read(new MemoryStream(Written(second)));

        Assert.Equal(Dump(Expected(Facts)), Dump(reader.Records));
        Assert.Same(p1, reader.Record("p1"));
    }

    [Fact]
    public void Many_labs_of_many_patients_interleaved_read_back_in_the_order_written_each_list_the_size_of_its_labs()
    {
        var labs = Enumerable.Range(0, 10_000)
            .Select(i => ($"p{i % 7 * (i % 3)}", (object)new LabFact(i % 2 == 0 ? "ferritin" : "potassium", i, "ng/mL", new($"Observation/o{i}", Day.AddDays(-i)))))
            .ToArray();
        using var reader = new FactReader();
        reader.Read(new MemoryStream(Written(labs)));

        Assert.Equal(Dump(Expected(labs)), Dump(reader.Records));
        Assert.All(reader.Records, r => Assert.Equal(r.Labs.Count, r.Labs.Capacity));
    }

    [Fact]
    public void Evidence_longer_than_a_chunk_reads_back_whole()
    {
        using var reader = new FactReader(64);
        reader.Read(new MemoryStream(Written(Facts)));
        var medication = reader.Record("p2")!.Medications.Single(m => m.Name == "furosemide");
        Assert.True(Encoding.UTF8.GetByteCount(Long) > 64 * 100);
        Assert.Equal(Long, medication.Source.Resource);
        Assert.Equal(new Evidence(Long, Day), medication.Source);
    }

    [Fact]
    public void Records_of_a_disposed_reader_are_filled_again_by_the_next_with_nothing_left_of_their_patients()
    {
        PatientRecord first;
        using (var reader = new FactReader())
        {
            reader.Read(new MemoryStream(Written(Facts)));
            first = reader.Record("p1")!;
        }

        var later = Facts[5..].Reverse().ToArray();
        using var again = new FactReader();
        again.Read(new MemoryStream(Written(later)));
        Assert.Equal(Dump(Expected(later)), Dump(again.Records));
        Assert.Contains(first, again.Records); // on the same thread, the records are those of the reader before
    }

    [Fact]
    public void A_file_that_ends_inside_a_fact_is_refused()
    {
        var bytes = Written(Facts[..2]);
        using var reader = new FactReader(16);
        Assert.Throws<InvalidDataException>(() => reader.Read(new MemoryStream(bytes[..^3])));
    }

    [Fact]
    public void The_lists_facts_carry_are_shared_between_facts_and_patients()
    {
        using var reader = new FactReader();
        reader.Read(new MemoryStream(Written(Facts)));
        Assert.Same(reader.Record("p1")!.Conditions[0].Conditions, reader.Record("p2")!.Conditions[0].Conditions);
        Assert.Equal(["restless-legs"], reader.Record("p1")!.Conditions[0].Conditions);
    }

    public static TheoryData<string> Resources() => new() { "Observation/o1", "", "Condition/é😀", Long };

    [Theory]
    [MemberData(nameof(Resources))]
    public void Evidence_in_bytes_equals_and_hashes_as_the_same_evidence_in_a_string(string resource)
    {
        var bytes = InBytes(resource, Day);
        var text = new Evidence(resource, Day);
        Assert.True(bytes.Equals(text) && text.Equals(bytes) && bytes == text && bytes.Equals(InBytes(resource, Day)));
        Assert.Equal(text.GetHashCode(), bytes.GetHashCode());
        Assert.Equal(resource, bytes.Resource);
        Assert.Equal(text.ToString(), bytes.ToString());
        Assert.Equal(Day, bytes.Date);
        Assert.Equal(text, bytes.Detached());
        Assert.IsType<string>(bytes.Detached().Resource);
        Assert.Single(new[] { bytes, text, InBytes(resource, Day), bytes.Detached() }.Distinct());

        Assert.NotEqual(text, InBytes(resource, null));
        Assert.NotEqual(InBytes(resource + "x", Day), bytes);
        Assert.NotEqual(new Evidence(resource + "x", Day), bytes);
        Assert.NotEqual(bytes, new Evidence(resource + "x", Day));
    }

    [Fact]
    public void Evidence_in_bytes_that_are_not_UTF8_equals_the_string_they_decode_to()
    {
        byte[] invalid = [(byte)'o', 0xFF, (byte)'/', 0xC3];
        byte[] other = [(byte)'o', 0xFE, (byte)'/', 0xC3];
        var decoded = Encoding.UTF8.GetString(invalid);
        var bytes = new Evidence([(byte)invalid.Length, .. invalid], 0, Day.DayNumber);
        Assert.Equal(new Evidence(decoded, Day), bytes);
        Assert.Equal(new Evidence(decoded, Day).GetHashCode(), bytes.GetHashCode());
        Assert.Equal(new Evidence([(byte)other.Length, .. other], 0, Day.DayNumber), bytes);
        Assert.NotEqual(new Evidence([3, (byte)'o', 0xFF, (byte)'/'], 0, Day.DayNumber), bytes);
    }

    /// <summary>Evidence of <paramref name="resource"/> as a bucket file holds it, after other bytes in the buffer.</summary>
    private static Evidence InBytes(string resource, DateOnly? day)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write("before");
            writer.Write(resource);
        }

        return new Evidence(stream.ToArray(), 7, day?.DayNumber ?? -1);
    }

    private static byte[] Written(IEnumerable<(string Patient, object Fact)> facts)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            foreach (var (patient, fact) in facts)
            {
                FactCodec.Write(writer, patient, fact);
            }
        }

        return stream.ToArray();
    }

    /// <summary>The records the facts make, gathered by hand.</summary>
    private static List<PatientRecord> Expected(IEnumerable<(string Patient, object Fact)> facts)
    {
        var records = new Dictionary<string, PatientRecord>(StringComparer.Ordinal);
        foreach (var (patient, fact) in facts)
        {
            var record = records.TryGetValue(patient, out var known) ? known : records[patient] = new PatientRecord(patient);
            if (fact is PatientFact p)
            {
                (record.HasPatient, record.Sex, record.BirthDate, record.BirthDateExact, record.Deceased) = (true, p.Sex, p.BirthDate, p.BirthDateExact, p.Deceased);
                continue;
            }

            IList list = fact switch
            {
                LabFact => record.Labs,
                ConditionFact => record.Conditions,
                MedicationFact => record.Medications,
                _ => record.Procedures,
            };
            list.Add(fact);
        }

        return [.. records.Values];
    }

    private static string Dump(IEnumerable<PatientRecord> records) => string.Join("\n", records.SelectMany(r => new[]
    {
        FormattableString.Invariant($"{r.PatientId}: {r.HasPatient} {r.Sex} {r.BirthDate:yyyy-MM-dd} {r.BirthDateExact} {r.Deceased}"),
    }.Concat(r.Labs.Select(l => FormattableString.Invariant($"  lab {l.Analyte} {l.Value} {l.Unit} {l.Source}")))
        .Concat(r.Conditions.Select(c => $"  condition [{string.Join(",", c.Conditions)}] [{string.Join(",", c.Findings)}] {c.Pregnant} {c.Active} {c.Source}"))
        .Concat(r.Medications.Select(m => $"  medication {m.Name} [{string.Join(",", m.Classes)}] {m.Active} {m.Source}"))
        .Concat(r.Procedures.Select(x => $"  procedure {x.Kind} {x.Source}"))));

    /// <summary>A stream that gives at most 3 bytes a read.</summary>
    private sealed class Trickle(byte[] bytes) : MemoryStream(bytes)
    {
        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, 3)]);

        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, 3));
    }
}
