using Calfwise.Core.Knowledge;
using Hl7.Fhir.Model;
using static Calfwise.Fhir.Tests.FhirTestData;

namespace Calfwise.Fhir.Tests;

public sealed class FhirCaseReaderTests
{
    [Fact]
    public void Patient_gives_age_on_the_day_of_assessment_and_sex()
    {
        var read = Read(Patient(gender: AdministrativeGender.Male, birthDate: "1980-12-02"));

        Assert.Equal(45, read.Case.Age); // the 46th birthday is the day after the test day, 2026-12-01
        Assert.Equal(Sex.Male, read.Case.Sex);
        Assert.Equal(new DateOnly(1980, 12, 2), read.Case.BirthDate);
        Assert.Equal("Patient/p1", read.PatientReference);
    }

    [Theory]
    [InlineData("2951-2")] // sodium in serum or plasma
    [InlineData("2947-0")] // sodium in blood
    [InlineData("39791-9")] // sodium in venous blood
    public void Each_LOINC_code_of_an_analyte_reads_as_that_analyte(string loinc)
    {
        var read = Read(Patient(), Lab("na", loinc, 131, "mmol/L"));

        var lab = Assert.Single(read.Case.Labs);
        Assert.Equal("sodium", lab.Analyte);
        Assert.Equal(131, lab.Value);
        Assert.Equal(new DateOnly(2026, 11, 20), lab.Date);
        Assert.Empty(read.Unmapped);
    }

    [Fact]
    public void Serum_and_blood_results_of_one_analyte_give_the_most_recent_and_report_the_older()
    {
        var read = Read(Patient(), Lab("k-serum", "2823-3", 3.1m, "mmol/L", "2026-10-01"), Lab("k-blood", "6298-4", 3.6m, "mmol/L", "2026-11-28"));

        var lab = Assert.Single(read.Case.Labs);
        Assert.Equal(3.6m, lab.Value);
        var older = Assert.Single(read.Unmapped);
        Assert.Equal(("Observation/k-serum", UnmappedReason.Superseded), (older.Reference, older.Reason));
    }

    [Fact]
    public void Results_outside_the_window_are_reported_and_the_window_is_configurable()
    {
        var old = Lab("old", "2276-4", 12, "ng/mL", "2025-06-01");
        var future = Lab("future", "2276-4", 40, "ug/L", "2026-12-05");

        var read = Read(Patient(), old, future);
        Assert.Empty(read.Case.Labs);
        Assert.Equal([UnmappedReason.OutsideWindow, UnmappedReason.OutsideWindow], read.Unmapped.Select(u => u.Reason));

        var wide = new FhirCaseReader(Kb, Clock, new FhirReadOptions { LabWindowDays = 730 }).Read(FhirJson.Write(Bundle(Patient(), old))).Value!;
        Assert.Equal(12, Assert.Single(wide.Case.Labs).Value);
    }

    [Fact]
    public void UCUM_international_units_and_unit_conversions_are_accepted()
    {
        var read = Read(Patient(), Lab("tsh", "3016-3", 2.1m, "m[IU]/L"), Lab("hb", "718-7", 121, "g/L"));

        Assert.Equal(["mIU/L", "g/L"], read.Case.Labs.Select(l => l.Unit));
    }

    [Fact]
    public void Unreadable_observations_are_each_reported_with_their_reason()
    {
        var read = Read(
            Patient(),
            new Encounter { Id = "e1", Status = Encounter.EncounterStatus.Finished, Class = new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB") },
            Lab("bp", "8480-6", 120, "mm[Hg]"),
            Lab("bad-unit", "2276-4", 30, "mg/dL"),
            Lab("no-date", "2276-4", 30, "ng/mL", date: null),
            Lab("error", "2276-4", 30, "ng/mL", status: ObservationStatus.EnteredInError),
            new Observation { Id = "bound", Status = ObservationStatus.Final, Code = new CodeableConcept("http://loinc.org", "1988-5"), Value = new Quantity { Value = 5, Comparator = Quantity.QuantityComparator.LessThan, Code = "mg/L", System = "http://unitsofmeasure.org" } });

        Assert.Empty(read.Case.Labs);
        Assert.Equal(
            [("Encounter/e1", UnmappedReason.ResourceType), ("Observation/bp", UnmappedReason.UnknownCode), ("Observation/bad-unit", UnmappedReason.UnitNotAccepted),
             ("Observation/no-date", UnmappedReason.NoDate), ("Observation/error", UnmappedReason.NotActive), ("Observation/bound", UnmappedReason.NoValue)],
            read.Unmapped.Select(u => (u.Reference, u.Reason)));
        Assert.Contains("ng/mL", read.Unmapped[2].Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://snomed.info/sct", "709044004", "chronic-kidney-disease")]
    [InlineData("http://hl7.org/fhir/sid/icd-10-cm", "N18.3", "chronic-kidney-disease")] // under N18
    [InlineData("http://hl7.org/fhir/sid/icd-10-cm", "E11.9", "diabetes")]
    [InlineData("http://hl7.org/fhir/sid/icd-10", "E14", "diabetes")]
    [InlineData("http://snomed.info/sct", "161508001", "previous-dvt")]
    [InlineData("http://hl7.org/fhir/sid/icd-10-cm", "Z86.718", "previous-dvt")]
    [InlineData("http://snomed.info/sct", "363346000", "active-cancer")]
    public void Conditions_coded_in_SNOMED_CT_or_ICD_10_become_findings(string system, string code, string finding)
    {
        var read = Read(Patient(), Condition("c1", system, code));

        Assert.Equal(true, read.Case.Answer(finding));
        Assert.Empty(read.Unmapped);
    }

    [Fact]
    public void A_pregnancy_sets_the_pregnant_flag_and_inactive_or_unknown_conditions_are_reported()
    {
        var read = Read(
            Patient(),
            Condition("preg", "http://snomed.info/sct", "77386006"),
            Condition("old-ckd", "http://hl7.org/fhir/sid/icd-10-cm", "N18.3", clinical: "resolved"),
            Condition("rls", "http://snomed.info/sct", "32914008"),
            Condition("asthma", "http://hl7.org/fhir/sid/icd-10-cm", "J45.909"));

        Assert.True(read.Case.Pregnant);
        Assert.False(read.Case.WasAsked("chronic-kidney-disease"));
        Assert.Equal([UnmappedReason.NotActive, UnmappedReason.Diagnosis, UnmappedReason.UnknownCode], read.Unmapped.Select(u => u.Reason));
    }

    [Fact]
    public void Medicines_are_read_by_name_in_text_or_display_or_by_class_code_and_the_rest_reported()
    {
        var read = Read(
            Patient(),
            new MedicationStatement { Id = "m1", Status = MedicationStatement.MedicationStatusCodes.Active, Medication = new CodeableConcept { Text = "Sertraline 50 MG Oral Tablet" }, Subject = new ResourceReference("Patient/p1") },
            new MedicationRequest { Id = "m2", Status = MedicationRequest.MedicationrequestStatus.Active, Intent = MedicationRequest.MedicationRequestIntent.Order, Medication = new CodeableConcept("http://www.whocc.no/atc", "C03CA01"), Subject = new ResourceReference("Patient/p1") },
            new MedicationStatement { Id = "m3", Status = MedicationStatement.MedicationStatusCodes.Stopped, Medication = new CodeableConcept { Text = "omeprazole" }, Subject = new ResourceReference("Patient/p1") },
            new MedicationStatement { Id = "m4", Status = MedicationStatement.MedicationStatusCodes.Active, Medication = new CodeableConcept { Text = "unobtainium" }, Subject = new ResourceReference("Patient/p1") });

        Assert.Equal("sertraline", read.Case.Medications[0]);
        Assert.Equal(2, read.Case.Medications.Count);
        Assert.Contains(read.Case.Medications[1], Kb.MedicationClassesById["loop-diuretic"].Drugs);
        Assert.Equal(
            [("MedicationRequest/m2", UnmappedReason.ReadAsClass), ("MedicationStatement/m3", UnmappedReason.NotActive), ("MedicationStatement/m4", UnmappedReason.UnknownCode)],
            read.Unmapped.Select(u => (u.Reference, u.Reason)));
    }

    [Fact]
    public void A_medicine_can_be_a_Medication_in_the_bundle_or_contained()
    {
        var atc = new CodeableConcept("http://www.whocc.no/atc", "A02BC01", "omeprazole", null);
        var read = Read(
            Patient(),
            new Medication { Id = "ppi", Code = atc },
            new MedicationStatement { Id = "m1", Status = MedicationStatement.MedicationStatusCodes.Active, Medication = new ResourceReference("Medication/ppi"), Subject = new ResourceReference("Patient/p1") },
            new MedicationRequest
            {
                Id = "m2", Status = MedicationRequest.MedicationrequestStatus.Active, Intent = MedicationRequest.MedicationRequestIntent.Order, Subject = new ResourceReference("Patient/p1"),
                Contained = [new Medication { Id = "local", Code = new CodeableConcept { Text = "Furosemide 40 mg" } }], Medication = new ResourceReference("#local"),
            },
            new Medication { Id = "unused", Code = atc });

        Assert.Equal(["omeprazole", "furosemide"], read.Case.Medications);
        Assert.Equal(("Medication/unused", UnmappedReason.ResourceType), (Assert.Single(read.Unmapped).Reference, read.Unmapped[0].Reason));
    }

    [Fact]
    public void Questionnaire_answers_by_finding_id_become_findings_and_missing_answers_are_not_asked()
    {
        var response = new QuestionnaireResponse
        {
            Id = "qr",
            Status = QuestionnaireResponse.QuestionnaireResponseStatus.Completed,
            Item =
            [
                new() { LinkId = "urge-to-move-legs", Answer = [new() { Value = new FhirBoolean(true) }] },
                new() { LinkId = "calf-swelling-one-side", Answer = [new() { Value = new FhirBoolean(false) }] },
                new() { LinkId = "fever", Answer = [new() { Value = new Coding("http://terminology.hl7.org/CodeSystem/data-absent-reason", "asked-unknown") }] },
                new() { LinkId = "muscle-weakness" },
                new() { LinkId = "favourite-colour", Answer = [new() { Value = new FhirString("blue") }] },
                new() { LinkId = "fatigue", Answer = [new() { Value = new FhirString("a lot") }] },
            ],
        };

        var read = Read(Patient(), response);

        Assert.Equal(true, read.Case.Answer("urge-to-move-legs"));
        Assert.Equal(false, read.Case.Answer("calf-swelling-one-side"));
        Assert.Contains("fever", read.Case.DontKnow);
        Assert.False(read.Case.WasAsked("muscle-weakness"));
        Assert.Equal([UnmappedReason.UnknownCode, UnmappedReason.NotBoolean], read.Unmapped.Select(u => u.Reason));
    }

    [Fact]
    public void An_answer_contradicting_a_recorded_condition_is_reported_and_the_first_kept()
    {
        var response = new QuestionnaireResponse { Id = "qr", Status = QuestionnaireResponse.QuestionnaireResponseStatus.Completed, Item = [new() { LinkId = "diabetes", Answer = [new() { Value = new FhirBoolean(false) }] }] };

        var read = Read(Patient(), Condition("dm", "http://snomed.info/sct", "73211009"), response);

        Assert.Equal(true, read.Case.Answer("diabetes"));
        Assert.Equal(UnmappedReason.Conflict, Assert.Single(read.Unmapped).Reason);
    }

    [Fact]
    public void Readable_input_that_is_not_valid_R4_is_read_and_its_problems_listed()
    {
        const string json = """
            {"resourceType": "Bundle", "type": "collection", "entry": [
              {"resource": {"resourceType": "Patient", "id": "p", "gender": "male", "birthDate": "1970-01-01"}},
              {"resource": {"resourceType": "Claim", "id": "c", "status": "active"}},
              {"resource": {"resourceType": "Observation", "id": "o", "colour": "red", "status": "final", "code": {"coding": [{"system": "http://loinc.org", "code": "2276-4"}]},
                            "effectiveDateTime": "2026-11-30", "valueQuantity": {"value": 50, "system": "http://unitsofmeasure.org", "code": "ng/mL"}}}]}
            """;

        var read = new FhirCaseReader(Kb, Clock).Read(json);

        Assert.True(read.IsSuccess, string.Join("; ", read.Errors));
        Assert.Equal(50, Assert.Single(read.Value!.Case.Labs).Value);
        var invalid = read.Value.Unmapped.Where(u => u.Reason == UnmappedReason.InvalidFhir).ToList();
        Assert.Contains(invalid, u => u.Reference.Contains("entry[1]", StringComparison.Ordinal)); // the Claim misses required elements
        Assert.Contains(invalid, u => u.Detail.Contains("colour", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("{", "fhir")]
    [InlineData("[1, 2]", "fhir")]
    [InlineData("{\"resourceType\": \"Bundle\", \"type\": \"collection\", \"entry\": [{\"resource\": {\"resourceType\": \"Encounter\", \"status\": \"finished\", \"class\": {\"code\": \"AMB\"}}}]}", "Patient")]
    [InlineData("{\"resourceType\": \"Patient\", \"gender\": \"female\"}", "entry[0] (Patient).birthDate")]
    [InlineData("{\"resourceType\": \"Patient\", \"id\": \"x\", \"birthDate\": \"1980\", \"gender\": \"unknown\"}", "Patient/x.gender")]
    [InlineData("{\"resourceType\": \"Nonsense\"}", "fhir")]
    public void Input_that_cannot_give_a_case_fails_naming_the_field(string json, string field)
    {
        var read = new FhirCaseReader(Kb, Clock).Read(json);

        Assert.False(read.IsSuccess);
        Assert.Equal(field, read.Errors[0].Field);
        Assert.All(read.Errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Message)));
    }
}
