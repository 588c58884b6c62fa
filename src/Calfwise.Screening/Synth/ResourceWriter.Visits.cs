using System.Text.Json;

namespace Calfwise.Screening.Synth;

internal sealed partial class ResourceWriter
{
    private static readonly JsonEncodedText Class = JsonEncodedText.Encode("class");
    private static readonly JsonEncodedText Type = JsonEncodedText.Encode("type");
    private static readonly JsonEncodedText Period = JsonEncodedText.Encode("period");
    private static readonly JsonEncodedText Start = JsonEncodedText.Encode("start");
    private static readonly JsonEncodedText EndName = JsonEncodedText.Encode("end");
    private static readonly JsonEncodedText Use = JsonEncodedText.Encode("use");
    private static readonly JsonEncodedText BillablePeriod = JsonEncodedText.Encode("billablePeriod");
    private static readonly JsonEncodedText Created = JsonEncodedText.Encode("created");
    private static readonly JsonEncodedText Provider = JsonEncodedText.Encode("provider");
    private static readonly JsonEncodedText Priority = JsonEncodedText.Encode("priority");
    private static readonly JsonEncodedText Insurance = JsonEncodedText.Encode("insurance");
    private static readonly JsonEncodedText Sequence = JsonEncodedText.Encode("sequence");
    private static readonly JsonEncodedText Focal = JsonEncodedText.Encode("focal");
    private static readonly JsonEncodedText Coverage = JsonEncodedText.Encode("coverage");
    private static readonly JsonEncodedText Item = JsonEncodedText.Encode("item");
    private static readonly JsonEncodedText ProductOrService = JsonEncodedText.Encode("productOrService");
    private static readonly JsonEncodedText Total = JsonEncodedText.Encode("total");
    private static readonly JsonEncodedText Currency = JsonEncodedText.Encode("currency");

    /// <summary>A finished encounter of about half an hour; returns its id.</summary>
    public string Encounter(SynthPatient patient, (ProcedureCode Type, string Class) kind, DateTimeOffset start)
    {
        var id = random.NewId();
        var json = files.Encounter.Begin(id);
        json.WriteString(FhirNames.Status, "finished");
        json.WriteStartObject(Class);
        json.WriteString(FhirNames.System, FhirNames.ActCode);
        json.WriteString(FhirNames.Code, kind.Class);
        json.WriteEndObject();
        json.WriteStartArray(Type);
        json.WriteStartObject();
        json.WriteStartArray(FhirNames.Coding);
        json.WriteCoding(FhirNames.Snomed, kind.Type.Snomed, kind.Type.Display);
        json.WriteEndArray();
        json.WriteString(FhirNames.Text, kind.Type.Display);
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteReference(FhirNames.Subject, patient.Reference);
        WritePeriod(json, start, start.AddMinutes(15 * random.Between(1, 4)));
        files.Encounter.End();
        return id;
    }

    /// <summary>The claim for an encounter (one per encounter, as Synthea writes them); the provider and cover by name only.</summary>
    public void Claim(SynthPatient patient, string encounterId, ProcedureCode service, DateTimeOffset when)
    {
        var json = files.Claim.Begin(random.NewId());
        json.WriteString(FhirNames.Status, "active");
        json.WriteConcept(Type, FhirNames.ClaimType, "professional");
        json.WriteString(Use, "claim");
        json.WriteReference(FhirNames.Patient, patient.Reference);
        WritePeriod(json, when, when.AddHours(1), BillablePeriod);
        json.WriteString(Created, FhirJsonWriting.Instant(when.AddHours(1)));
        json.WriteStartObject(Provider);
        json.WriteString(FhirNames.Display, "Synthetic General Practice");
        json.WriteEndObject();
        json.WriteConcept(Priority, FhirNames.ProcessPriority, "normal");
        json.WriteStartArray(Insurance);
        json.WriteStartObject();
        json.WriteNumber(Sequence, 1);
        json.WriteBoolean(Focal, true);
        json.WriteStartObject(Coverage);
        json.WriteString(FhirNames.Display, random.Chance(0.3) ? "Medicare" : "Private insurance");
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteStartArray(Item);
        json.WriteStartObject();
        json.WriteNumber(Sequence, 1);
        json.WriteConcept(ProductOrService, FhirNames.Snomed, service.Snomed, service.Display, service.Display);
        json.WriteStartArray(FhirNames.Encounter);
        json.WriteStartObject();
        json.WriteString(FhirNames.Reference, "Encounter/" + encounterId);
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteStartObject(Total);
        json.WriteNumber(FhirNames.Value, random.Between(40, 400) + 0.5m * random.Between(0, 1));
        json.WriteString(Currency, "USD");
        json.WriteEndObject();
        files.Claim.End();
    }

    private static void WritePeriod(Utf8JsonWriter json, DateTimeOffset start, DateTimeOffset end) => WritePeriod(json, start, end, Period);

    private static void WritePeriod(Utf8JsonWriter json, DateTimeOffset start, DateTimeOffset end, JsonEncodedText name)
    {
        json.WriteStartObject(name);
        json.WriteString(Start, FhirJsonWriting.Instant(start));
        json.WriteString(EndName, FhirJsonWriting.Instant(end));
        json.WriteEndObject();
    }
}
