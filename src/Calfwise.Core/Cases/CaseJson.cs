using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using Calfwise.Core.Contracts;
using Calfwise.Core.Knowledge;

namespace Calfwise.Core.Cases;

/// <summary>The outcome of reading a case: the case, or what is wrong with the input.</summary>
public sealed record CaseReadResult(PatientCase? Case, IReadOnlyList<InputError> Errors)
{
    /// <summary>The case validated once against the knowledge base, for the engine to trust.</summary>
    public ValidatedCase? Validated { get; init; }

    [MemberNotNullWhen(true, nameof(Case), nameof(Validated))]
    public bool IsValid => Case is not null && Validated is not null && Errors.Count == 0;
}

/// <summary>
/// Reads the case JSON of docs/case-format.md, reporting each problem with its field. A plain case is read by a
/// hand-written walk (CaseJson.Fast.cs), anything else by the source-generated contract (<see cref="CaseRequest"/>),
/// into the same request; input that the contract refuses is walked again to name every field that is wrong
/// (CaseJson.Diagnose.cs).
/// </summary>
public static partial class CaseJson
{
    /// <summary>Reads a case; <paramref name="today"/> is the day of the assessment (ages from birth dates, dates not in the future).</summary>
    public static CaseReadResult Read(string json, KnowledgeBase knowledge, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Read(Encoding.UTF8.GetBytes(json), knowledge, today);
    }

    /// <summary>Reads a case from UTF-8 JSON, as a request body arrives.</summary>
    public static CaseReadResult Read(ReadOnlySpan<byte> utf8Json, KnowledgeBase knowledge, DateOnly today)
    {
        CaseRequest? request;
        try
        {
            request = TryReadFast(utf8Json) ?? JsonSerializer.Deserialize(utf8Json, ContractJsonContext.Default.CaseRequest);
        }
        catch (JsonException ex)
        {
            try
            {
                return new CaseReadResult(null, CaseLimits.Capped(Diagnose(utf8Json, ex)));
            }
            catch (InvalidOperationException)
            {
                return Fail(NotUnicode);
            }
        }
        catch (InvalidOperationException)
        {
            return Fail(NotUnicode); // System.Text.Json cannot turn the text into a string
        }

        return request is null ? Fail(new InputError("(case)", NotAnObject)) : ToCase(request, knowledge, today);
    }

    /// <summary>The one mapping from the contract to the domain case, with the checks the knowledge base does not need.</summary>
    public static CaseReadResult ToCase(CaseRequest request, KnowledgeBase knowledge, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new List<InputError>();
        var age = request.Age;
        switch (request)
        {
            case { Age: null, BirthDate: null }:
                errors.Add(new("age", "is required: the person's age in years, from 0 to 120 (or birthDate)"));
                break;
            case { Age: not null, BirthDate: not null }:
                errors.Add(new("birthDate", "give either age or birthDate, not both"));
                break;
            case { BirthDate: { } born } when born > today:
                errors.Add(new("birthDate", $"must not be in the future (today is {Iso(today)}), not {Iso(born)}"));
                break;
            case { BirthDate: { } born }:
                age = CaseValidator.AgeOn(born, today);
                if (age > CaseValidator.MaxAge)
                {
                    errors.Add(new("birthDate", $"gives an age of {age} years; ages from 0 to {CaseValidator.MaxAge} are accepted"));
                }

                break;
        }

        Sex? sex = request.Sex switch
        {
            "female" => Sex.Female,
            "male" => Sex.Male,
            null => Error<Sex?>(errors, "sex", "is required: \"female\" or \"male\""),
            var other => Error<Sex?>(errors, "sex", $"must be \"female\" or \"male\", not {Quote(other)}"),
        };
        if (request.Trimester is { } trimester and not (>= 1 and <= 3))
        {
            errors.Add(new("trimester", $"must be 1, 2 or 3, not {trimester}"));
        }

        TooMany(errors, "findings", request.Findings?.Count, CaseLimits.MaxFindings);
        TooMany(errors, "labs", request.Labs?.Count, CaseLimits.MaxLabs);
        TooMany(errors, "medications", request.Medications?.Count, CaseLimits.MaxMedications);
        TooMany(errors, "labsUnavailable", request.LabsUnavailable?.Count, CaseLimits.MaxMedications);
        if (errors.Count > 0)
        {
            return new CaseReadResult(null, CaseLimits.Capped(errors)); // nothing more is walked in a case this large
        }

        var findings = new Dictionary<string, bool>(request.Findings?.Count ?? 0, StringComparer.Ordinal);
        HashSet<string>? dontKnow = null;
        foreach (var (id, answer) in request.Findings ?? [])
        {
            if (answer is { } yes)
            {
                findings[id] = yes;
            }
            else
            {
                (dontKnow ??= new HashSet<string>(StringComparer.Ordinal)).Add(id); // asked, and answered "I don't know": unknown, not asked again
            }
        }

        var medications = Names(request.Medications, "medications", errors);
        var labsUnavailable = Names(request.LabsUnavailable, "labsUnavailable", errors);
        var labs = Labs(request.Labs, today, errors);
        if (errors.Count > 0 || age is null || sex is null)
        {
            return new CaseReadResult(null, CaseLimits.Capped(errors));
        }

        var patient = new PatientCase(age.Value, sex.Value, request.Pregnant, findings, medications, labs, request.Instruments?.Irls)
        {
            Trimester = request.Trimester,
            BirthDate = request.BirthDate,
            DontKnow = dontKnow ?? PatientCase.None,
            LabsUnavailable = labsUnavailable.Count == 0 ? PatientCase.None : labsUnavailable.ToHashSet(StringComparer.Ordinal),
        };
        var validation = CaseValidator.Validate(patient, knowledge, today);
        return validation.IsSuccess ? new CaseReadResult(patient, []) { Validated = validation.Value } : new CaseReadResult(null, validation.Errors);
    }


    private static void TooMany(List<InputError> errors, string field, int? count, int max)
    {
        if (count > max)
        {
            errors.Add(new(field, $"has {count} entries; at most {max} are accepted"));
        }
    }

    /// <summary>A string with a lone surrogate ("\ud800") or bytes that are not UTF-8.</summary>
    private static readonly InputError NotUnicode = new("(case)", "contains text that is not valid Unicode (a lone surrogate such as \\ud800, or bytes that are not UTF-8)");

    private const string NotAnObject = "must be a JSON object with age, sex, findings, medications and labs";

    private static CaseReadResult Fail(InputError error) => new(null, [error]);

    private static T Error<T>(List<InputError> errors, string field, string message)
    {
        errors.Add(new(field, message));
        return default!;
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static string Quote(string? text) => text is null ? "null" : $"\"{JsonEncodedText.Encode(text, System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping)}\"";

    private static List<string> Names(List<string?>? names, string field, List<InputError> errors)
    {
        var list = new List<string>(names?.Count ?? 0);
        for (var i = 0; names is not null && i < names.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(names[i]))
            {
                errors.Add(new($"{field}[{i}]", $"must be a non-empty name, not {Quote(names[i])}"));
            }
            else
            {
                list.Add(names[i]!.Trim());
            }
        }

        return list;
    }

    private static List<LabInput> Labs(List<CaseLabRequest?>? requests, DateOnly today, List<InputError> errors)
    {
        var labs = new List<LabInput>(requests?.Count ?? 0);
        for (var i = 0; requests is not null && i < requests.Count; i++)
        {
            var field = new LabField(i);
            if (requests[i] is not { } lab)
            {
                errors.Add(new(field.ToString(), LabShape));
                continue;
            }

            var before = errors.Count;
            foreach (var (key, message) in LabRequired)
            {
                if (key == "value" ? lab.Value is null : string.IsNullOrWhiteSpace(key == "analyte" ? lab.Analyte : lab.Unit))
                {
                    errors.Add(new($"{field}.{key}", message));
                }
            }

            if (lab.Date is { } taken && taken > today)
            {
                errors.Add(new($"{field}.date", $"must not be in the future (today is {Iso(today)}), not {Iso(taken)}"));
            }

            if (errors.Count == before)
            {
                labs.Add(new LabInput(lab.Analyte!.Trim(), lab.Value!.Value, lab.Unit!.Trim()) { Date = lab.Date });
            }
        }

        return labs;
    }
}
