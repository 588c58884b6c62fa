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

    public static CaseReadResult Read(HttpRequest request, KnowledgeBase knowledge)
    {
        ArgumentNullException.ThrowIfNull(request);
        var json = request.Form[Field].ToString();
        return string.IsNullOrWhiteSpace(json)
            ? new CaseReadResult(null, [new InputError("case", "is missing: start the interview again")])
            : CaseJson.Read(json, knowledge, Today(request.HttpContext));
    }

    /// <summary>The day of the assessment, from the app's clock.</summary>
    public static DateOnly Today(HttpContext http) =>
        DateOnly.FromDateTime(http.RequestServices.GetRequiredService<TimeProvider>().GetLocalNow().DateTime);

    public static List<string[]> ReadHistory(IFormCollection form)
    {
        try
        {
            var history = JsonSerializer.Deserialize<List<string?[]?>>(form[HistoryField].ToString() is { Length: > 0 } text ? text : "[]") ?? [];
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
