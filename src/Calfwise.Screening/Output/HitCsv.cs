using System.Text;
using Calfwise.Screening.Pipeline;
using Calfwise.Screening.Population;

namespace Calfwise.Screening.Output;

/// <summary>The hits as CSV (RFC 4180: comma-separated, CRLF, quoted where needed): one row per patient and rule.</summary>
public sealed class HitCsv : IDisposable
{
    public static readonly string[] Header = ["patient_id", "rule_id", "rule", "age", "sex", "evidence", "sources"];

    private readonly StreamWriter _writer;

    public HitCsv(string path)
    {
        _writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16) { NewLine = "\r\n" };
        _writer.WriteLine(string.Join(',', Header));
    }

    public void Write(HitRow row)
    {
        var rule = ScreeningRules.All[HitRow.RuleIndex(row.RuleId)];
        _writer.WriteLine(string.Join(',', Quote(row.PatientId), Quote(row.RuleId), Quote(rule.Title), row.Age?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
            HitRow.SexId(row.Sex), Quote(string.Join(' ', row.Evidence)), Quote(string.Join(' ', row.Sources))));
    }

    public static string Quote(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;

    public void Dispose() => _writer.Dispose();
}
