using System.Globalization;
using System.Text;
using Calfwise.Core.Diary;
using Calfwise.Data;

namespace Calfwise.Web.Reports;

/// <summary>
/// All of a person's data as CSV for a spreadsheet: UTF-8 with a byte order mark (so spreadsheets read the accents), and
/// no cell that a spreadsheet could run as a formula, whichever list separator its locale uses (after OWASP's guidance
/// on CSV injection).
/// </summary>
public static class DataCsv
{
    public const string ContentType = "text/csv; charset=utf-8";

    private const string Header = "record,id,when,kind,leg,location,duration_minutes,intensity,at_rest,caffeine_cups,alcohol_units,sleep_hours,stress,exercise_minutes,fluids_litres,iron_taken,triage,top_condition";

    /// <summary>Characters that make a spreadsheet read a cell as a formula (ASCII and full-width), or that it strips before looking.</summary>
    private const string FormulaStarts = "=+-@\t\r＝＋－＠";

    /// <summary>List separators in use across locales: a cell may start after any of them.</summary>
    private const string Separators = ",;\t|\r\n";

    public static byte[] Write(IEnumerable<DiaryEpisode> episodes, IEnumerable<DailyFactorsRow> days, IEnumerable<SavedAssessment> assessments)
    {
        var csv = new StringBuilder();
        csv.Append(Header).Append("\r\n");
        foreach (var e in episodes)
        {
            Line(csv, $"episode,{e.Id},{e.Start:yyyy-MM-ddTHH:mm:sszzz},{e.Kind},{e.Leg},{Text(e.Location)},{e.DurationMinutes},{e.Intensity},{e.AtRest},,,,,,,,,");
        }

        foreach (var d in days)
        {
            Line(csv, $"day,{d.Id},{d.Date:yyyy-MM-dd},,,,,,,{d.CaffeineCups},{d.AlcoholUnits},{d.SleepHours},{d.Stress},{d.ExerciseMinutes},{d.FluidsLitres},{d.IronTaken},,");
        }

        foreach (var a in assessments)
        {
            Line(csv, $"assessment,{a.Id},{a.CreatedAt:yyyy-MM-ddTHH:mm:sszzz},,,,,,,,,,,,,,{Text(a.TriageLevel)},{Text(a.TopCondition)}");
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    /// <summary>
    /// A free-text field made safe: wherever a cell could start (the field's start, or after any locale's separator and
    /// spaces), a formula character gets a single quote before it; then the field is quoted when it holds a separator.
    /// </summary>
    public static string Text(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var safe = new StringBuilder(text.Length + 4);
        var cellStart = true;
        foreach (var c in text)
        {
            if (cellStart && FormulaStarts.Contains(c, StringComparison.Ordinal))
            {
                safe.Append('\'');
            }

            safe.Append(c);
            cellStart = Separators.Contains(c, StringComparison.Ordinal) || (cellStart && c == ' ');
        }

        var result = safe.ToString();
        return result.IndexOfAny([',', ';', '"', '\n', '\r', '\t', '|']) >= 0
            ? "\"" + result.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : result;
    }

    private static void Line(StringBuilder csv, FormattableString line) => csv.Append(line.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
}
