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

    /// <summary>The age band of the summary's counts.</summary>
    public static string Band(int? age) => age switch
    {
        null => "unknown",
        < 18 => "0-17",
        < 35 => "18-34",
        < 50 => "35-49",
        < 65 => "50-64",
        < 80 => "65-79",
        _ => "80+",
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
