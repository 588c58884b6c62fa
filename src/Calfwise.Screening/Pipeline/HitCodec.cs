using Calfwise.Core.Knowledge;
using Calfwise.Screening.Population;

namespace Calfwise.Screening.Pipeline;

/// <summary>A row of the screening's output: a patient, a rule that fired and why.</summary>
public sealed record HitRow(string PatientId, string RuleId, int? Age, Sex? Sex, IReadOnlyList<string> Evidence, IReadOnlyList<string> Sources)
{
    /// <summary>Output order: by patient id (ordinal), then by the rule's place in <see cref="ScreeningRules.All"/>.</summary>
    public static readonly Comparison<HitRow> Order = (a, b) =>
        string.CompareOrdinal(a.PatientId, b.PatientId) is var byPatient and not 0 ? byPatient : RuleIndex(a.RuleId).CompareTo(RuleIndex(b.RuleId));

    public static int RuleIndex(string ruleId)
    {
        for (var i = 0; i < ScreeningRules.All.Count; i++)
        {
            if (ScreeningRules.All[i].Id == ruleId)
            {
                return i;
            }
        }

        return int.MaxValue;
    }

    public static HitRow From(ScreenedPatient patient, ScreeningHit hit) =>
        new(patient.PatientId, hit.Rule.Id, patient.Age, patient.Sex, hit.Evidence.Select(e => e.ToString()).ToList(), hit.Sources);

    /// <summary>The age bands of the summary's counts, in age order after "unknown".</summary>
    public static IReadOnlyList<string> Bands { get; } = ["unknown", "0-17", "18-34", "35-49", "50-64", "65-79", "80+"];

    /// <summary>The age band of the summary's counts.</summary>
    public static string Band(int? age) => Bands[BandIndex(age)];

    /// <summary>The place of <paramref name="age"/>'s band in <see cref="Bands"/>.</summary>
    public static int BandIndex(int? age) => age switch
    {
        null => 0,
        < 18 => 1,
        < 35 => 2,
        < 50 => 3,
        < 65 => 4,
        < 80 => 5,
        _ => 6,
    };

    public static string SexId(Sex? sex) => sex switch { Core.Knowledge.Sex.Male => "male", Core.Knowledge.Sex.Female => "female", _ => "unknown" };
}

/// <summary>Hit rows in the assessed buckets' files (sorted in <see cref="HitRow.Order"/>).</summary>
public static class HitCodec
{
    public static void Write(BinaryWriter writer, HitRow row)
    {
        writer.Write(row.PatientId);
        writer.Write(row.RuleId);
        writer.Write(row.Age ?? -1);
        writer.Write((sbyte)(row.Sex is { } sex ? (int)sex : -1));
        writer.WriteList(row.Evidence);
        writer.WriteList(row.Sources);
    }

    public static HitRow? Read(BinaryReader reader)
    {
        if (reader.BaseStream.Position >= reader.BaseStream.Length)
        {
            return null;
        }

        return new HitRow(
            reader.ReadString(),
            reader.ReadString(),
            reader.ReadInt32() is var age and >= 0 ? age : null,
            reader.ReadSByte() is var sex and >= 0 ? (Sex)sex : null,
            reader.ReadList(),
            reader.ReadList());
    }
}
