using System.Globalization;
using System.Text.Json;
using Calfwise.Core.Cases;
using Calfwise.Core.Knowledge;

namespace Calfwise.Web.Pages;

/// <summary>
/// The pages keep the case in a hidden form field (the case JSON of docs/case-format.md), so the interview and the
/// results work without an account and without server-side state; it is validated again on every request.
/// </summary>
public static class CaseState
{
    public const string Field = "case";
    public const string HistoryField = "history";

    /// <summary>Reads and validates the case JSON of the hidden field.</summary>
    public static CaseReadResult Read(string? json, KnowledgeBase knowledge, DateOnly today) =>
        string.IsNullOrWhiteSpace(json)
            ? new CaseReadResult(null, [new InputError("case", "is missing: start the interview again")])
            : CaseJson.Read(json, knowledge, today);

    public static List<string[]> ReadHistory(string? json)
    {
        try
        {
            var history = JsonSerializer.Deserialize<List<string?[]?>>(json is { Length: > 0 } text ? text : "[]") ?? [];
            return history.Select(ids => (ids ?? []).OfType<string>().ToArray()).ToList(); // a tampered field loses its nulls, not the page
        }
        catch (JsonException)
        {
            return [];
        }
    }

    public static string WriteHistory(List<string[]> history) => JsonSerializer.Serialize(history);

    public static bool TryParseDecimal(string? text, out decimal value) =>
        decimal.TryParse(text?.Trim().Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out value);
}

/// <summary>A form that carries only the case (the results page, saving, continuing to the lab page).</summary>
public sealed class CaseInput
{
    /// <summary>The case JSON of the hidden field <see cref="CaseState.Field"/>.</summary>
    public string? Case { get; set; }

    public CaseReadResult Read(KnowledgeBase knowledge, DateOnly today) => CaseState.Read(Case, knowledge, today);
}
