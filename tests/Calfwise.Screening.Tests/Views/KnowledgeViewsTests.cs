namespace Calfwise.Screening.Tests.Views;

/// <summary>The views Calfwise ships (knowledge/views), each run over a few hand-written FHIR R4 resources.</summary>
public class KnowledgeViewsTests
{
    [Fact]
    public void Patient_view_gives_sex_birth_date_and_death()
    {
        var rows = ViewRows.RunFile("patient.json",
            """{"resourceType":"Patient","id":"p1","gender":"female","birthDate":"1980-05-01","deceasedBoolean":false}""",
            """{"resourceType":"Patient","id":"p2","gender":"male","birthDate":"1931","deceasedDateTime":"2020-02-03T10:00:00Z"}""",
            """{"resourceType":"Observation","id":"o1","status":"final","code":{}}""");

        Assert.Equal(2, rows.Count);
        Assert.Equal(["p1", "female", "1980-05-01", false, null], rows[0].Values);
        Assert.Equal(["p2", "male", "1931", null, "2020-02-03T10:00:00Z"], rows[1].Values);
    }

    [Fact]
    public void Lab_view_gives_one_row_per_loinc_code_with_value_ucum_unit_and_date()
    {
        var rows = ViewRows.RunFile("observation-labs.json",
            """
            {"resourceType":"Observation","id":"ferritin","status":"final","subject":{"reference":"Patient/p1"},
             "code":{"coding":[{"system":"http://snomed.info/sct","code":"489004"},{"system":"http://loinc.org","code":"2276-4","display":"Ferritin"},{"system":"http://loinc.org","code":"24373-3"}]},
             "effectiveDateTime":"2024-03-01","valueQuantity":{"value":28.0,"unit":"ng/mL","system":"http://unitsofmeasure.org","code":"ng/mL"}}
            """,
            """
            {"resourceType":"Observation","id":"tsat","status":"amended","subject":{"reference":"Patient/p1"},"issued":"2024-03-02T08:00:00Z",
             "code":{"coding":[{"system":"http://loinc.org","code":"2502-3"}]},"effectivePeriod":{"start":"2024-03-01T07:00:00Z"},
             "valueQuantity":{"value":16,"comparator":"<","unit":"%"}}
            """,
            """{"resourceType":"Observation","id":"no-loinc","status":"final","code":{"coding":[{"system":"http://snomed.info/sct","code":"1"}]}}""");

        Assert.Equal(3, rows.Count);
        var ferritin = rows[0];
        Assert.Equal("ferritin", ferritin["id"]);
        Assert.Equal("p1", ferritin["patient_id"]);
        Assert.Equal("2276-4", ferritin["loinc_code"]);
        Assert.Equal(28.0m, ferritin["value"]);
        Assert.Equal("ng/mL", ferritin["ucum_code"]);
        Assert.Equal("2024-03-01", ferritin["effective_date_time"]);
        Assert.Equal("24373-3", rows[1]["loinc_code"]);
        var tsat = rows[2];
        Assert.Equal(16m, tsat["value"]);
        Assert.Equal("<", tsat["comparator"]);
        Assert.Null(tsat["ucum_code"]);
        Assert.Equal("%", tsat["unit"]);
        Assert.Null(tsat["effective_date_time"]);
        Assert.Equal("2024-03-01T07:00:00Z", tsat["effective_period_start"]);
        Assert.Equal("2024-03-02T08:00:00Z", tsat["issued"]);
    }

    [Fact]
    public void Condition_view_keeps_snomed_and_icd10_codes_with_statuses()
    {
        var rows = ViewRows.RunFile("condition.json",
            """
            {"resourceType":"Condition","id":"c1","subject":{"reference":"Patient/p1"},
             "clinicalStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-clinical","code":"active"}]},
             "verificationStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-ver-status","code":"confirmed"}]},
             "code":{"coding":[{"system":"http://snomed.info/sct","code":"32914008"},{"system":"http://hl7.org/fhir/sid/icd-10-cm","code":"G25.81"},{"system":"http://example.org/local","code":"RLS"}]},
             "onsetDateTime":"2019-06","abatementPeriod":{"end":"2023-01-01"}}
            """);

        Assert.Equal(2, rows.Count);
        Assert.Equal(["http://snomed.info/sct", "http://hl7.org/fhir/sid/icd-10-cm"], rows.Select(r => r["code_system"]));
        Assert.Equal(["32914008", "G25.81"], rows.Select(r => r["code"]));
        Assert.All(rows, row =>
        {
            Assert.Equal("p1", row["patient_id"]);
            Assert.Equal("active", row["clinical_status"]);
            Assert.Equal("confirmed", row["verification_status"]);
            Assert.Equal("2019-06", row["onset_date_time"]);
            Assert.Equal("2023-01-01", row["abatement_period_end"]);
        });
    }

    [Fact]
    public void Medication_request_view_gives_a_row_per_code_and_one_for_a_medicine_named_only_in_text()
    {
        var rows = ViewRows.RunFile("medication.json",
            """
            {"resourceType":"MedicationRequest","id":"m1","status":"active","intent":"order","subject":{"reference":"Patient/p1"},"authoredOn":"2024-01-05",
             "medicationCodeableConcept":{"text":"ferrous sulfate 325 mg","coding":[{"system":"http://www.nlm.nih.gov/research/umls/rxnorm","code":"310325"}]}}
            """,
            """{"resourceType":"MedicationRequest","id":"m2","status":"stopped","intent":"order","subject":{"reference":"Patient/p1"},"medicationCodeableConcept":{"text":"magnesium"}}""",
            """{"resourceType":"MedicationRequest","id":"m3","status":"active","intent":"order","subject":{"reference":"Patient/p1"},"medicationReference":{"reference":"Medication/med7"}}""");

        Assert.Equal(3, rows.Count);
        Assert.Equal("310325", rows[0]["code"]);
        Assert.Equal("http://www.nlm.nih.gov/research/umls/rxnorm", rows[0]["code_system"]);
        Assert.Equal("2024-01-05", rows[0]["authored_on"]);
        Assert.Equal("ferrous sulfate 325 mg", rows[0]["medication_text"]);
        Assert.Equal("magnesium", rows[1]["medication_text"]);
        Assert.Null(rows[1]["code"]);
        Assert.Equal("med7", rows[2]["medication_id"]);
    }

    [Fact]
    public void Medication_statement_view_gives_codes_and_when()
    {
        var rows = ViewRows.RunFile("medication-statement.json",
            """
            {"resourceType":"MedicationStatement","id":"s1","status":"active","subject":{"reference":"Patient/p1"},"effectivePeriod":{"start":"2023-11-01"},
             "medicationCodeableConcept":{"coding":[{"system":"http://www.nlm.nih.gov/research/umls/rxnorm","code":"197361"}]}}
            """);

        var row = Assert.Single(rows);
        Assert.Equal("197361", row["code"]);
        Assert.Equal("2023-11-01", row["effective_period_start"]);
        Assert.Equal("active", row["status"]);
    }

    [Fact]
    public void Procedure_view_gives_a_row_per_code_with_the_date_performed()
    {
        var rows = ViewRows.RunFile("procedure.json",
            """
            {"resourceType":"Procedure","id":"pr1","status":"completed","subject":{"reference":"http://ehr.example/fhir/Patient/p9/_history/2"},
             "code":{"coding":[{"system":"http://snomed.info/sct","code":"42803009"},{"system":"http://www.cms.gov/Medicare/Coding/ICD10","code":"4A0F"}]},
             "performedDateTime":"2022-08-09T11:00:00+02:00"}
            """);

        Assert.Equal(2, rows.Count);
        Assert.All(rows, row => Assert.Equal("p9", row["patient_id"]));
        Assert.Equal(["42803009", "4A0F"], rows.Select(r => r["code"]));
        Assert.Equal("2022-08-09T11:00:00+02:00", rows[0]["performed_date_time"]);
    }
}
