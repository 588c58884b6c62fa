using System.Globalization;
using System.Text.Json;

namespace Calfwise.Core.Cases;

/// <summary>Names every field of a case that the contract refused, with what is accepted (docs/case-format.md).</summary>
public static partial class CaseJson
{
    private const string LabShape = "must be an object {\"analyte\": \"ferritin\", \"value\": 28, \"unit\": \"ng/mL\"}";

    private static readonly string[] TopLevelKeys = ["age", "birthDate", "sex", "pregnant", "trimester", "findings", "medications", "labs", "instruments", "labsUnavailable"];

    private static readonly string[] LabKeys = ["analyte", "value", "unit", "date"];

    private static readonly (string Key, string Message)[] LabRequired =
    [
        ("analyte", "is required: an analyte id such as \"ferritin\""),
        ("value", "is required: a number"),
        ("unit", "is required: the unit the lab reported, such as \"ng/mL\""),
    ];

    private static List<InputError> Diagnose(ReadOnlySpan<byte> utf8Json, JsonException refused)
    {
        var errors = new List<InputError>();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8Json.ToArray(), new JsonDocumentOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow, AllowDuplicateProperties = false });
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" at line {line + 1}, position {(ex.BytePositionInLine ?? 0) + 1}" : "";
            errors.Add(new("(case)", $"is not valid JSON{where}: {FirstSentence(ex.Message)}"));
            return errors;
        }

        using (document)
        {
            Diagnose(document.RootElement, errors);
        }

        if (errors.Count == 0)
        {
            // Whatever the walk did not name: never silently accepted, never a stack trace.
            errors.Add(new(refused.Path is { Length: > 2 } path ? path.TrimStart('$', '.') : "(case)", $"is not valid: {FirstSentence(refused.Message)}"));
        }

        return errors;
    }

    private static void Diagnose(JsonElement root, List<InputError> errors)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new("(case)", NotAnObject));
            return;
        }

        foreach (var property in root.EnumerateObject())
        {
            var value = property.Value;
            var name = property.Name;
            switch (name)
            {
                case "age" when value.ValueKind != JsonValueKind.Null && (value.ValueKind != JsonValueKind.Number || !value.TryGetDecimal(out _)):
                    errors.Add(new(name, $"must be a number of years from 0 to 120, not {value.GetRawText()}"));
                    break;
                case "birthDate":
                    CheckDate(value, name, errors);
                    break;
                case "sex" when value.ValueKind != JsonValueKind.String:
                    errors.Add(new(name, $"must be \"female\" or \"male\", not {value.GetRawText()}"));
                    break;
                case "pregnant" when value.ValueKind is not (JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null):
                    errors.Add(new(name, $"must be true or false, not {value.GetRawText()}"));
                    break;
                case "trimester" when value.ValueKind != JsonValueKind.Null && (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out _)):
                    errors.Add(new(name, $"must be 1, 2 or 3, not {value.GetRawText()}"));
                    break;
                case "findings":
                    CheckFindings(value, errors);
                    break;
                case "medications" or "labsUnavailable":
                    CheckNames(value, name, errors);
                    break;
                case "labs":
                    CheckLabs(value, errors);
                    break;
                case "instruments":
                    CheckInstruments(value, errors);
                    break;
                case var other when !TopLevelKeys.Contains(other, StringComparer.Ordinal):
                    errors.Add(new(other, $"is not a case field; accepted fields: {string.Join(", ", TopLevelKeys)}"));
                    break;
            }
        }
    }

    private static void CheckDate(JsonElement value, string field, List<InputError> errors)
    {
        if (value.ValueKind != JsonValueKind.Null
            && (value.ValueKind != JsonValueKind.String || !DateOnly.TryParseExact(value.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)))
        {
            errors.Add(new(field, $"must be a date written yyyy-MM-dd, for example \"1984-03-21\", not {value.GetRawText()}"));
        }
    }

    private static void CheckFindings(JsonElement element, List<InputError> errors)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            if (element.ValueKind != JsonValueKind.Null)
            {
                errors.Add(new("findings", "must be an object mapping finding ids to true or false, for example {\"calf-twitching\": true}"));
            }

            return;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (property.Value.ValueKind is not (JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null))
            {
                errors.Add(new($"findings.{property.Name}", $"must be true, false or null (unknown), not {property.Value.GetRawText()}"));
            }
        }
    }

    private static void CheckNames(JsonElement element, string name, List<InputError> errors)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            if (element.ValueKind != JsonValueKind.Null)
            {
                errors.Add(new(name, name == "medications"
                    ? "must be an array of generic medication names, for example [\"furosemide\"]"
                    : "must be an array of lab request ids, for example [\"iron-studies\"]"));
            }

            return;
        }

        var index = 0;
        foreach (var item in element.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(item.GetString()))
            {
                errors.Add(new($"{name}[{index}]", $"must be a non-empty name, not {item.GetRawText()}"));
            }

            index++;
        }
    }

    private static void CheckLabs(JsonElement element, List<InputError> errors)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            if (element.ValueKind != JsonValueKind.Null)
            {
                errors.Add(new("labs", "must be an array of {\"analyte\", \"value\", \"unit\"} objects"));
            }

            return;
        }

        var index = 0;
        foreach (var item in element.EnumerateArray())
        {
            var field = $"labs[{index++}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                if (item.ValueKind != JsonValueKind.Null)
                {
                    errors.Add(new(field, LabShape));
                }

                continue;
            }

            foreach (var property in item.EnumerateObject())
            {
                var value = property.Value;
                switch (property.Name)
                {
                    case "analyte" or "unit" when value.ValueKind is not (JsonValueKind.String or JsonValueKind.Null):
                        errors.Add(new($"{field}.{property.Name}", $"must be text, not {value.GetRawText()}"));
                        break;
                    case "value" when value.ValueKind != JsonValueKind.Null && (value.ValueKind != JsonValueKind.Number || !value.TryGetDecimal(out _)):
                        errors.Add(new($"{field}.value", $"is required: a number, not {value.GetRawText()}"));
                        break;
                    case "date":
                        CheckDate(value, $"{field}.date", errors);
                        break;
                    case var other when !LabKeys.Contains(other, StringComparer.Ordinal):
                        errors.Add(new($"{field}.{other}", $"is not a lab field; accepted: {string.Join(", ", LabKeys)}"));
                        break;
                }
            }

            foreach (var (key, message) in LabRequired)
            {
                if (!item.TryGetProperty(key, out var given) || given.ValueKind == JsonValueKind.Null)
                {
                    errors.Add(new($"{field}.{key}", message));
                }
            }
        }
    }

    private static void CheckInstruments(JsonElement instruments, List<InputError> errors)
    {
        if (instruments.ValueKind != JsonValueKind.Object)
        {
            if (instruments.ValueKind != JsonValueKind.Null)
            {
                errors.Add(new("instruments", "must be an object, for example {\"irls\": [2, 3, 1, 2, 2, 1, 3, 2, 1, 2]}"));
            }

            return;
        }

        foreach (var property in instruments.EnumerateObject())
        {
            if (property.Name != "irls")
            {
                errors.Add(new($"instruments.{property.Name}", "is not a known instrument; accepted: irls"));
            }
            else if (property.Value.ValueKind is not (JsonValueKind.Array or JsonValueKind.Null))
            {
                errors.Add(new("instruments.irls", "must be an array of 10 whole numbers from 0 to 4"));
            }
            else if (property.Value.ValueKind == JsonValueKind.Array)
            {
                var index = 0;
                foreach (var item in property.Value.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt32(out _))
                    {
                        errors.Add(new($"instruments.irls[{index}]", $"must be a whole number from 0 to 4, not {item.GetRawText()}"));
                    }

                    index++;
                }
            }
        }
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message.TrimEnd('.') : message[..end];
    }
}
