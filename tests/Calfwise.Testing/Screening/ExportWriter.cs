using System.Globalization;
using System.Text.Json.Nodes;

namespace Calfwise.Testing.Screening;

/// <summary>Writes hand-made FHIR R4 resources into a bulk export folder (one NDJSON file per type, as the Bulk Data IG writes them).</summary>
public sealed class ExportWriter(DateOnly asOf)
{
    public const string Loinc = "http://loinc.org";
    public const string Snomed = "http://snomed.info/sct";
    public const string Icd10Cm = "http://hl7.org/fhir/sid/icd-10-cm";
    public const string Atc = "http://www.whocc.no/atc";

    private readonly Dictionary<string, List<string>> _lines = new(StringComparer.Ordinal);
    private int _next;

    public DateOnly AsOf { get; } = asOf;

    public string Day(int daysAgo) => AsOf.AddDays(-daysAgo).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public void Add(JsonObject resource)
    {
        var type = (string)resource["resourceType"]!;
        if (!_lines.TryGetValue(type, out var lines))
        {
            _lines[type] = lines = [];
        }

        lines.Add(resource.ToJsonString());
    }

    public string Id(string prefix) => $"{prefix}-{++_next}";

    public void Patient(string id, string? gender, int ageYears, bool deceased = false)
    {
        var patient = new JsonObject { ["resourceType"] = "Patient", ["id"] = id, ["birthDate"] = AsOf.AddYears(-ageYears).AddDays(-40).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) };
        if (gender is not null)
        {
            patient["gender"] = gender;
        }

        if (deceased)
        {
            patient["deceasedBoolean"] = true;
        }

        Add(patient);
    }

    public string Lab(string patient, string loinc, decimal value, string unit, int daysAgo, string status = "final")
    {
        var id = Id("obs");
        Add(new JsonObject
        {
            ["resourceType"] = "Observation",
            ["id"] = id,
            ["status"] = status,
            ["category"] = new JsonArray(new JsonObject { ["coding"] = new JsonArray(new JsonObject { ["system"] = "http://terminology.hl7.org/CodeSystem/observation-category", ["code"] = "laboratory" }) }),
            ["code"] = new JsonObject { ["coding"] = new JsonArray(new JsonObject { ["system"] = Loinc, ["code"] = loinc }) },
            ["subject"] = new JsonObject { ["reference"] = $"Patient/{patient}" },
            ["effectiveDateTime"] = $"{Day(daysAgo)}T08:30:00Z",
            ["valueQuantity"] = new JsonObject { ["value"] = value, ["unit"] = unit, ["system"] = "http://unitsofmeasure.org", ["code"] = unit },
        });
        return $"Observation/{id}";
    }

    public string Condition(string patient, string system, string code, int daysAgo, string clinical = "active")
    {
        var id = Id("cond");
        Add(new JsonObject
        {
            ["resourceType"] = "Condition",
            ["id"] = id,
            ["clinicalStatus"] = new JsonObject { ["coding"] = new JsonArray(new JsonObject { ["system"] = "http://terminology.hl7.org/CodeSystem/condition-clinical", ["code"] = clinical }) },
            ["verificationStatus"] = new JsonObject { ["coding"] = new JsonArray(new JsonObject { ["system"] = "http://terminology.hl7.org/CodeSystem/condition-ver-status", ["code"] = "confirmed" }) },
            ["code"] = new JsonObject { ["coding"] = new JsonArray(new JsonObject { ["system"] = system, ["code"] = code }) },
            ["subject"] = new JsonObject { ["reference"] = $"Patient/{patient}" },
            ["onsetDateTime"] = Day(daysAgo),
        });
        return $"Condition/{id}";
    }

    public string Medication(string patient, string atc, string text, int daysAgo, string status = "active")
    {
        var id = Id("med");
        Add(new JsonObject
        {
            ["resourceType"] = "MedicationRequest",
            ["id"] = id,
            ["status"] = status,
            ["intent"] = "order",
            ["medicationCodeableConcept"] = new JsonObject { ["coding"] = new JsonArray(new JsonObject { ["system"] = Atc, ["code"] = atc }), ["text"] = text },
            ["subject"] = new JsonObject { ["reference"] = $"Patient/{patient}" },
            ["authoredOn"] = Day(daysAgo),
        });
        return $"MedicationRequest/{id}";
    }

    public string Procedure(string patient, string snomed, int daysAgo, string status = "completed")
    {
        var id = Id("proc");
        Add(new JsonObject
        {
            ["resourceType"] = "Procedure",
            ["id"] = id,
            ["status"] = status,
            ["code"] = new JsonObject { ["coding"] = new JsonArray(new JsonObject { ["system"] = Snomed, ["code"] = snomed }) },
            ["subject"] = new JsonObject { ["reference"] = $"Patient/{patient}" },
            ["performedDateTime"] = Day(daysAgo),
        });
        return $"Procedure/{id}";
    }

    /// <summary>What a real export holds besides: encounters, claims and observations screening does not read.</summary>
    public void Noise(string patient)
    {
        Add(new JsonObject { ["resourceType"] = "Encounter", ["id"] = Id("enc"), ["status"] = "finished", ["class"] = new JsonObject { ["code"] = "AMB" }, ["subject"] = new JsonObject { ["reference"] = $"Patient/{patient}" } });
        Add(new JsonObject { ["resourceType"] = "Claim", ["id"] = Id("claim"), ["status"] = "active", ["patient"] = new JsonObject { ["reference"] = $"Patient/{patient}" } });
        Lab(patient, "8867-4", 72, "/min", 20); // heart rate: a LOINC code of no analyte
    }

    /// <summary>Writes the files; <paramref name="gzip"/> compresses the Observations, as many servers do.</summary>
    public void WriteTo(string directory, bool gzip = false)
    {
        Directory.CreateDirectory(directory);
        foreach (var (type, lines) in _lines)
        {
            var text = string.Join('\n', lines) + "\n";
            if (gzip && type == "Observation")
            {
                using var file = File.Create(Path.Combine(directory, $"{type}.ndjson.gz"));
                using var zip = new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionLevel.Fastest);
                zip.Write(System.Text.Encoding.UTF8.GetBytes(text));
            }
            else
            {
                File.WriteAllText(Path.Combine(directory, $"{type}.ndjson"), text);
            }
        }
    }
}
