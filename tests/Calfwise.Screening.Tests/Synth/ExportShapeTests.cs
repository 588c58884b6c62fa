using System.Text.Json;
using Calfwise.Core.Knowledge;
using Calfwise.Core.Labs;
using Calfwise.Knowledge;

namespace Calfwise.Screening.Tests.Synth;

/// <summary>The export is a well-formed Bulk Data export whose lab, medicine and diagnosis codes the knowledge base reads.</summary>
[Trait(TestCategories.Name, TestCategories.Slow)] // 2,000 patients written and read back
public sealed class ExportShapeTests(SynthExportFixture fixture) : IClassFixture<SynthExportFixture>
{
    private static KnowledgeBase Knowledge => EmbeddedKnowledge.Instance;

    private ExportFiles Export => fixture.Export;

    private IEnumerable<JsonElement> Labs => Export.Of("Observation").Where(o => o.GetProperty("category")[0].GetProperty("coding")[0].GetProperty("code").GetString() == "laboratory");

    private static string Code(JsonElement concept) => concept.GetProperty("coding")[0].GetProperty("code").GetString()!;

    [Fact]
    public void Manifest_follows_the_export_completion_shape_and_lists_numbered_files_per_type()
    {
        var manifest = Export.Manifest;

        Assert.Equal("2026-12-01T00:00:00Z", manifest.GetProperty("transactionTime").GetString());
        Assert.EndsWith("$export", manifest.GetProperty("request").GetString(), StringComparison.Ordinal);
        Assert.False(manifest.GetProperty("requiresAccessToken").GetBoolean());
        Assert.Equal(0, manifest.GetProperty("error").GetArrayLength());
        var urls = manifest.GetProperty("output").EnumerateArray().Select(o => o.GetProperty("url").GetString()).ToList();
        Assert.Contains("Patient.000.ndjson", urls);
        Assert.Contains("Observation.003.ndjson", urls);
        Assert.Equal(["Patient", "Encounter", "Claim", "Observation", "Condition", "MedicationRequest", "Procedure"],
            manifest.GetProperty("output").EnumerateArray().Select(o => o.GetProperty("type").GetString()).Distinct());
        Assert.Equal(2000, Export.Of("Patient").Count());
    }

    [Fact]
    public void Every_line_is_a_resource_of_its_file_type_with_a_unique_id()
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var group in Export.Resources)
        {
            foreach (var resource in group)
            {
                Assert.Equal(group.Key, resource.GetProperty("resourceType").GetString());
                Assert.True(ids.Add(group.Key + "/" + resource.GetProperty("id").GetString()), "duplicate id");
            }
        }
    }

    [Fact]
    public void Every_reference_resolves_to_a_patient_or_encounter_of_the_export()
    {
        var patients = Export.Of("Patient").Select(p => "Patient/" + p.GetProperty("id").GetString()).ToHashSet(StringComparer.Ordinal);
        var encounters = Export.Of("Encounter").Select(p => "Encounter/" + p.GetProperty("id").GetString()).ToHashSet(StringComparer.Ordinal);
        static string Reference(JsonElement r) => r.GetProperty("reference").GetString()!;

        foreach (var type in new[] { "Observation", "Condition", "MedicationRequest", "Procedure", "Encounter" })
        {
            Assert.All(Export.Of(type), r => Assert.Contains(Reference(r.GetProperty("subject")), patients));
        }

        Assert.All(Export.Of("Claim"), c => Assert.Contains(Reference(c.GetProperty("patient")), patients));
        Assert.All(Export.Of("Claim"), c => Assert.Contains(Reference(c.GetProperty("item")[0].GetProperty("encounter")[0]), encounters));
        Assert.All(Export.Of("Observation").Where(o => o.TryGetProperty("encounter", out _)), o => Assert.Contains(Reference(o.GetProperty("encounter")), encounters));
    }

    [Fact]
    public void Every_lab_code_is_one_the_knowledge_base_binds_and_its_unit_converts_into_the_possible_range()
    {
        Assert.All(Labs, lab =>
        {
            var analyte = Knowledge.Codes.AnalyteByLoinc(Code(lab.GetProperty("code")));
            Assert.NotNull(analyte);
            Assert.Equal("final", lab.GetProperty("status").GetString());
            var quantity = lab.GetProperty("valueQuantity");
            Assert.Equal("http://unitsofmeasure.org", quantity.GetProperty("system").GetString());
            // The knowledge's unit table (UnitConverter) must accept the unit; [IU] is UCUM's bracketed spelling of IU.
            var unit = UnitConverter.Find(analyte, quantity.GetProperty("code").GetString()!.Replace("[IU]", "IU", StringComparison.Ordinal));
            Assert.NotNull(unit);
            Assert.InRange(unit.ToCanonical(quantity.GetProperty("value").GetDecimal()), analyte.MinPossible, analyte.MaxPossible);
        });
    }

    [Fact]
    public void Several_loinc_codes_and_units_per_analyte_appear_as_real_labs_report_them()
    {
        var seen = Labs.GroupBy(l => Knowledge.Codes.AnalyteByLoinc(Code(l.GetProperty("code")))!.Id)
            .ToDictionary(g => g.Key, g => (Codes: g.Select(l => Code(l.GetProperty("code"))).ToHashSet(), Units: g.Select(l => l.GetProperty("valueQuantity").GetProperty("code").GetString()).ToHashSet()));

        foreach (var analyte in new[] { "ferritin", "transferrin-saturation", "iron", "tibc", "hemoglobin", "sodium", "potassium", "calcium", "magnesium", "creatinine" })
        {
            Assert.True(seen[analyte].Codes.Count >= 2, $"{analyte}: only {string.Join(", ", seen[analyte].Codes)}");
        }

        Assert.Superset(new HashSet<string?> { "ng/mL", "ug/L" }, seen["ferritin"].Units);
        Assert.Superset(new HashSet<string?> { "g/dL", "g/L", "mmol/L" }, seen["hemoglobin"].Units);
        Assert.Superset(new HashSet<string?> { "mg/dL", "mmol/L" }, seen["calcium"].Units);
        Assert.Superset(new HashSet<string?> { "mg/dL", "mmol/L" }, seen["magnesium"].Units);
        Assert.Superset(new HashSet<string?> { "mg/dL", "umol/L" }, seen["creatinine"].Units);
        Assert.Superset(new HashSet<string?> { "ug/dL", "umol/L" }, seen["iron"].Units);
    }

    [Fact]
    public void Medicines_are_atc_coded_under_a_class_the_knowledge_binds_or_iron_and_have_text_and_a_status()
    {
        Assert.All(Export.Of("MedicationRequest"), request =>
        {
            var concept = request.GetProperty("medicationCodeableConcept");
            Assert.Equal(CodeSystem.Atc.Uri(), concept.GetProperty("coding")[0].GetProperty("system").GetString());
            var atc = Code(concept);
            Assert.True(Knowledge.Codes.MedicationClassesByAtc(atc).Count > 0 || atc.StartsWith("B03A", StringComparison.Ordinal), atc);
            Assert.False(string.IsNullOrEmpty(concept.GetProperty("text").GetString()));
            Assert.Contains(request.GetProperty("status").GetString(), new[] { "active", "stopped", "completed" });
        });
        Assert.Contains(Export.Of("MedicationRequest"), r => Code(r.GetProperty("medicationCodeableConcept")) is "N04BC04" or "N04BC05" or "N04BC09");
    }

    [Fact]
    public void Conditions_carry_snomed_and_icd10cm_codes_the_knowledge_binds_and_some_are_resolved()
    {
        Assert.All(Export.Of("Condition"), condition =>
        {
            var codings = condition.GetProperty("code").GetProperty("coding").EnumerateArray().ToList();
            Assert.All(codings, c => Assert.NotEmpty(Knowledge.Codes.Find(CodeSystems.FromUri(c.GetProperty("system").GetString())!.Value, c.GetProperty("code").GetString()!)));
            Assert.Equal("confirmed", Code(condition.GetProperty("verificationStatus")));
        });
        Assert.Contains(Export.Of("Condition"), c => Code(c.GetProperty("clinicalStatus")) == "resolved" && c.TryGetProperty("abatementDateTime", out _));
        Assert.Contains(Export.Of("Condition"), c => c.GetProperty("code").GetProperty("coding").EnumerateArray().Any(x => x.GetProperty("code").GetString() == "G25.81"));
        Assert.Contains(Export.Of("Patient"), p => p.TryGetProperty("deceasedDateTime", out _));
    }

    [Fact]
    public void Nothing_is_dated_after_the_export()
    {
        var end = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
        var dates = Export.Of("Observation").Select(o => o.GetProperty("issued").GetDateTimeOffset())
            .Concat(Export.Of("MedicationRequest").Select(m => m.GetProperty("authoredOn").GetDateTimeOffset()))
            .Concat(Export.Of("Procedure").Select(m => m.GetProperty("performedDateTime").GetDateTimeOffset()))
            .Concat(Export.Of("Encounter").Select(m => m.GetProperty("period").GetProperty("end").GetDateTimeOffset()));

        Assert.All(dates, d => Assert.True(d <= end, $"{d:O} is after the export"));
    }
}
