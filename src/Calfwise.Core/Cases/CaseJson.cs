using System.Text.Json;
using Calfwise.Core.Knowledge;

namespace Calfwise.Core.Cases;

/// <summary>The outcome of reading a case: the case, or what is wrong with the input.</summary>
public sealed record CaseReadResult(PatientCase? Case, IReadOnlyList<InputError> Errors)
{
    public bool IsValid => Case is not null && Errors.Count == 0;
}

/// <summary>Reads the case JSON of docs/case-format.md, reporting each problem with its field.</summary>
public static partial class CaseJson
{
    private static readonly string[] TopLevelKeys = ["age", "sex", "pregnant", "trimester", "findings", "medications", "labs", "instruments", "labsUnavailable"];

    public static CaseReadResult Read(string json, KnowledgeBase knowledge)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow, AllowDuplicateProperties = false });
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" at line {line + 1}, position {(ex.BytePositionInLine ?? 0) + 1}" : "";
            return Fail(new InputError("(case)", $"is not valid JSON{where}: {FirstSentence(ex.Message)}"));
        }

        using (document)
        {
            return Read(document.RootElement, knowledge);
        }
    }

    public static CaseReadResult Read(JsonElement root, KnowledgeBase knowledge)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return Fail(new InputError("(case)", "must be a JSON object with age, sex, findings, medications and labs"));
        }

        var errors = new List<InputError>();
        foreach (var property in root.EnumerateObject().Where(p => !TopLevelKeys.Contains(p.Name, StringComparer.Ordinal)))
        {
            errors.Add(new(property.Name, $"is not a case field; accepted fields: {string.Join(", ", TopLevelKeys)}"));
        }

        var age = ReadAge(root, errors);
        var sex = ReadSex(root, errors);
        var pregnant = ReadOptionalBool(root, "pregnant", errors);
        var trimester = ReadTrimester(root, errors);
        var dontKnow = new HashSet<string>(StringComparer.Ordinal);
        var findings = ReadFindings(root, errors, dontKnow);
        var labsUnavailable = ReadStrings(root, "labsUnavailable", errors);
        var medications = ReadMedications(root, errors);
        var labs = ReadLabs(root, errors);
        var irls = ReadIrls(root, errors);

        if (errors.Count > 0 || age is null || sex is null)
        {
            return new CaseReadResult(null, errors);
        }

        var patient = new PatientCase(age.Value, sex.Value, pregnant, findings, medications, labs, irls)
        {
            Trimester = trimester,
            DontKnow = dontKnow,
            LabsUnavailable = labsUnavailable.ToHashSet(StringComparer.Ordinal),
        };
        var validation = CaseValidator.Validate(patient, knowledge, TimeProvider.System).Errors;
        return validation.Count > 0 ? new CaseReadResult(null, validation) : new CaseReadResult(patient, []);
    }

    private static CaseReadResult Fail(InputError error) => new(null, [error]);

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message.TrimEnd('.') : message[..end];
    }

    private static decimal? ReadAge(JsonElement root, List<InputError> errors)
    {
        if (!root.TryGetProperty("age", out var age))
        {
            errors.Add(new("age", "is required: the person's age in years, from 0 to 120"));
            return null;
        }

        if (age.ValueKind != JsonValueKind.Number || !age.TryGetDecimal(out var years))
        {
            errors.Add(new("age", $"must be a number of years from 0 to 120, not {age.GetRawText()}"));
            return null;
        }

        return years;
    }

    private static Sex? ReadSex(JsonElement root, List<InputError> errors)
    {
        if (!root.TryGetProperty("sex", out var sex))
        {
            errors.Add(new("sex", "is required: \"female\" or \"male\""));
            return null;
        }

        var text = sex.ValueKind == JsonValueKind.String ? sex.GetString() : null;
        return text switch
        {
            "female" => Sex.Female,
            "male" => Sex.Male,
            _ => Error<Sex?>(errors, "sex", $"must be \"female\" or \"male\", not {sex.GetRawText()}"),
        };
    }

    private static T Error<T>(List<InputError> errors, string field, string message)
    {
        errors.Add(new(field, message));
        return default!;
    }

    private static int? ReadTrimester(JsonElement root, List<InputError> errors)
    {
        if (!root.TryGetProperty("trimester", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var trimester) && trimester is >= 1 and <= 3
            ? trimester
            : Error<int?>(errors, "trimester", $"must be 1, 2 or 3, not {value.GetRawText()}");
    }

    private static bool? ReadOptionalBool(JsonElement root, string name, List<InputError> errors)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => Error<bool?>(errors, name, $"must be true or false, not {value.GetRawText()}"),
        };
    }

    private static Dictionary<string, bool> ReadFindings(JsonElement root, List<InputError> errors, HashSet<string> dontKnow)
    {
        var findings = new Dictionary<string, bool>(StringComparer.Ordinal);
        if (!root.TryGetProperty("findings", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return findings;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new("findings", "must be an object mapping finding ids to true or false, for example {\"calf-twitching\": true}"));
            return findings;
        }

        foreach (var property in element.EnumerateObject())
        {
            switch (property.Value.ValueKind)
            {
                case JsonValueKind.True:
                    findings[property.Name] = true;
                    break;
                case JsonValueKind.False:
                    findings[property.Name] = false;
                    break;
                case JsonValueKind.Null:
                    dontKnow.Add(property.Name); // asked, and answered "I don't know": unknown, not asked again
                    break;
                default:
                    errors.Add(new($"findings.{property.Name}", $"must be true, false or null (unknown), not {property.Value.GetRawText()}"));
                    break;
            }
        }

        return findings;
    }

    private static List<string> ReadMedications(JsonElement root, List<InputError> errors) =>
        ReadStrings(root, "medications", errors);

    private static List<string> ReadStrings(JsonElement root, string name, List<InputError> errors)
    {
        var medications = new List<string>();
        if (!root.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return medications;
        }

        if (element.ValueKind != JsonValueKind.Array)
        {
            errors.Add(new(name, name == "medications"
                ? "must be an array of generic medication names, for example [\"furosemide\"]"
                : "must be an array of lab request ids, for example [\"iron-studies\"]"));
            return medications;
        }

        var index = 0;
        foreach (var item in element.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(item.GetString()))
            {
                medications.Add(item.GetString()!.Trim());
            }
            else
            {
                errors.Add(new($"{name}[{index}]", $"must be a non-empty name, not {item.GetRawText()}"));
            }

            index++;
        }

        return medications;
    }

    private static List<LabInput> ReadLabs(JsonElement root, List<InputError> errors)
    {
        var labs = new List<LabInput>();
        if (!root.TryGetProperty("labs", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return labs;
        }

        if (element.ValueKind != JsonValueKind.Array)
        {
            errors.Add(new("labs", "must be an array of {\"analyte\", \"value\", \"unit\"} objects"));
            return labs;
        }

        var index = 0;
        foreach (var item in element.EnumerateArray())
        {
            var field = $"labs[{index++}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                errors.Add(new(field, "must be an object {\"analyte\": \"ferritin\", \"value\": 28, \"unit\": \"ng/mL\"}"));
                continue;
            }

            foreach (var property in item.EnumerateObject().Where(p => p.Name is not ("analyte" or "value" or "unit")))
            {
                errors.Add(new($"{field}.{property.Name}", "is not a lab field; accepted: analyte, value, unit"));
            }

            var analyte = item.TryGetProperty("analyte", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString() : null;
            var unit = item.TryGetProperty("unit", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString() : null;
            decimal? value = item.TryGetProperty("value", out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetDecimal(out var d) ? d : null;
            if (string.IsNullOrWhiteSpace(analyte))
            {
                errors.Add(new($"{field}.analyte", "is required: an analyte id such as \"ferritin\""));
            }

            if (value is null)
            {
                errors.Add(new($"{field}.value", "is required: a number"));
            }

            if (string.IsNullOrWhiteSpace(unit))
            {
                errors.Add(new($"{field}.unit", "is required: the unit the lab reported, such as \"ng/mL\""));
            }

            if (analyte is not null && value is not null && unit is not null)
            {
                labs.Add(new LabInput(analyte.Trim(), value.Value, unit.Trim()));
            }
        }

        return labs;
    }

    private static List<int>? ReadIrls(JsonElement root, List<InputError> errors)
    {
        if (!root.TryGetProperty("instruments", out var instruments) || instruments.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (instruments.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new("instruments", "must be an object, for example {\"irls\": [2, 3, 1, 2, 2, 1, 3, 2, 1, 2]}"));
            return null;
        }

        foreach (var property in instruments.EnumerateObject().Where(p => p.Name != "irls"))
        {
            errors.Add(new($"instruments.{property.Name}", "is not a known instrument; accepted: irls"));
        }

        if (!instruments.TryGetProperty("irls", out var irls) || irls.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (irls.ValueKind != JsonValueKind.Array)
        {
            errors.Add(new("instruments.irls", "must be an array of 10 whole numbers from 0 to 4"));
            return null;
        }

        var scores = new List<int>();
        var index = 0;
        foreach (var item in irls.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Number && item.TryGetInt32(out var score))
            {
                scores.Add(score);
            }
            else
            {
                errors.Add(new($"instruments.irls[{index}]", $"must be a whole number from 0 to 4, not {item.GetRawText()}"));
            }

            index++;
        }

        return scores;
    }
}
