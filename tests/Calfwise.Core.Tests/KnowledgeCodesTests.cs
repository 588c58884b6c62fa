using Calfwise.Core.Knowledge;
using Calfwise.Knowledge;

namespace Calfwise.Core.Tests;

/// <summary>knowledge/codes.yaml: the shipped codes, their checks at load and the lookups a FHIR import will use.</summary>
public sealed class KnowledgeCodesTests
{
    private static Codes Codes => EmbeddedKnowledge.Instance.Codes;

    [Fact]
    public void The_shipped_codes_load_and_every_analyte_has_loinc_codes_with_the_preferred_one_first()
    {
        var result = KnowledgeLoader.LoadCompiled(EmbeddedKnowledge.Compiled());
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Contains("codes.yaml", KnowledgeLoader.FileNames);
        Assert.All(result.Knowledge!.Analytes, a =>
        {
            var codes = result.Knowledge.Codes.LoincOf(a.Id);
            Assert.NotEmpty(codes);
            Assert.Equal(codes[0], a.Loinc);
        });
    }

    // The preferred codes are the assessment JSON's labs[].loinc, a public contract: these are the codes it has always written.
    [Theory]
    [InlineData("ferritin", "2276-4")]
    [InlineData("transferrin-saturation", "2502-3")]
    [InlineData("iron", "2498-4")]
    [InlineData("tibc", "2500-7")]
    [InlineData("hemoglobin", "718-7")]
    [InlineData("mcv", "787-2")]
    [InlineData("crp", "1988-5")]
    [InlineData("tsh", "3016-3")]
    [InlineData("free-t4", "3024-7")]
    [InlineData("potassium", "2823-3")]
    [InlineData("magnesium", "19123-9")]
    [InlineData("calcium", "17861-6")]
    [InlineData("sodium", "2951-2")]
    [InlineData("creatinine", "2160-0")]
    [InlineData("ck", "2157-6")]
    public void The_preferred_loinc_of_each_analyte_is_unchanged(string analyte, string loinc) =>
        Assert.Equal(loinc, EmbeddedKnowledge.Instance.AnalytesById[analyte].Loinc);

    [Theory]
    [InlineData("2951-2", "sodium")] // serum or plasma
    [InlineData("2947-0", "sodium")] // blood
    [InlineData("2823-3", "potassium")]
    [InlineData("6298-4", "potassium")]
    [InlineData("2000-8", "calcium")] // molar
    [InlineData("14682-9", "creatinine")] // molar
    [InlineData("38483-4", "creatinine")] // blood
    [InlineData("20567-4", "ferritin")]
    public void A_lab_result_code_finds_its_analyte(string loinc, string analyte) =>
        Assert.Equal(analyte, Codes.AnalyteByLoinc(loinc)?.Id);

    [Fact]
    public void An_unbound_loinc_code_finds_no_analyte() => Assert.Null(Codes.AnalyteByLoinc("1995-0")); // ionised calcium

    [Fact]
    public void Restless_legs_is_found_by_snomed_ct_icd_10_cm_and_who_icd_10()
    {
        Assert.Equal(["restless-legs"], Codes.ConditionsBySnomed("32914008").Select(c => c.Id));
        Assert.Equal(["restless-legs"], Codes.ConditionsByIcd10Cm("G25.81").Select(c => c.Id));
        Assert.Equal(["restless-legs"], Codes.ConditionsByIcd10("G25.8").Select(c => c.Id));
        Assert.Empty(Codes.ConditionsByIcd10Cm("G25.1")); // a sibling, not restless legs
    }

    [Fact]
    public void Icd_10_codes_match_under_their_bound_category_with_or_without_the_dot()
    {
        Assert.Equal(["diabetes"], Codes.FindingsByIcd10Cm("E11.9").Select(f => f.Id));
        Assert.Equal(["diabetes"], Codes.FindingsByIcd10Cm("E119").Select(f => f.Id));
        Assert.Equal(["chronic-kidney-disease"], Codes.FindingsByIcd10("N18.3").Select(f => f.Id));
        Assert.Equal(["deep-vein-thrombosis"], Codes.ConditionsByIcd10Cm("I82.401").Select(c => c.Id));
        Assert.Empty(Codes.FindingsByIcd10Cm("E1")); // a shorter code is not under E10, E11 or E13
    }

    [Fact]
    public void History_and_the_person_facts_are_found()
    {
        Assert.Equal(["previous-dvt"], Codes.FindingsBySnomed("161508001").Select(f => f.Id));
        Assert.Equal(["active-cancer"], Codes.FindingsBySnomed("363346000").Select(f => f.Id));
        Assert.Equal(["pregnant"], Codes.PersonFacts(CodeSystem.SnomedCt, "77386006"));
        Assert.Equal(["pregnant"], Codes.PersonFacts(CodeSystem.Icd10Cm, "Z34.00"));
    }

    [Theory]
    [InlineData("N04BC05", "dopamine-agonist")] // pramipexole
    [InlineData("N04BC04", "dopamine-agonist")] // ropinirole
    [InlineData("N04BC09", "dopamine-agonist")] // rotigotine
    [InlineData("C03CA01", "loop-diuretic")] // furosemide
    [InlineData("C03AA03", "thiazide-diuretic")] // hydrochlorothiazide
    [InlineData("A02BC01", "proton-pump-inhibitor")] // omeprazole
    [InlineData("C09AA05", "ace-inhibitor")] // ramipril
    [InlineData("C03DA01", "potassium-sparing-diuretic")] // spironolactone
    public void A_medicine_code_finds_its_class(string atc, string medicationClass) =>
        Assert.Equal([medicationClass], Codes.MedicationClassesByAtc(atc).Select(m => m.Id));

    [Fact]
    public void A_class_bound_by_substance_does_not_take_its_neighbours()
    {
        Assert.Empty(Codes.MedicationClassesByAtc("N05AN01")); // lithium is in N05A but is not an antipsychotic
        Assert.Empty(Codes.MedicationClassesByAtc("N06BA09")); // atomoxetine is in N06BA but is not a stimulant
        Assert.Equal(["antipsychotic", "dopamine-blocking-antiemetic"], Codes.MedicationClassesByAtc("N05AB04").Select(m => m.Id));
    }

    [Theory]
    [InlineData("http://loinc.org", CodeSystem.Loinc)]
    [InlineData("http://snomed.info/sct", CodeSystem.SnomedCt)]
    [InlineData("http://hl7.org/fhir/sid/icd-10-cm", CodeSystem.Icd10Cm)]
    [InlineData("http://hl7.org/fhir/sid/icd-10", CodeSystem.Icd10)]
    [InlineData("http://www.whocc.no/atc", CodeSystem.Atc)]
    [InlineData("http://www.nlm.nih.gov/research/umls/rxnorm", CodeSystem.RxNorm)]
    public void Fhir_system_addresses_map_to_code_systems_both_ways(string uri, CodeSystem system)
    {
        Assert.Equal(system, CodeSystems.FromUri(uri));
        Assert.Equal(uri, system.Uri());
    }

    [Theory]
    [InlineData("73761001")] // colonoscopy
    [InlineData("444783004")] // screening colonoscopy
    [InlineData("76009000")] // esophagogastroduodenoscopy
    public void A_colonoscopy_or_upper_gi_endoscopy_is_a_gi_investigation(string snomed) =>
        Assert.Equal(["gi-investigation"], Codes.Procedures(CodeSystem.SnomedCt, snomed));

    [Fact]
    public void Other_procedures_and_systems_are_no_gi_investigation()
    {
        Assert.Empty(Codes.Procedures(CodeSystem.SnomedCt, "44441009")); // flexible sigmoidoscopy: not the whole colon
        Assert.Empty(Codes.Procedures(CodeSystem.Icd10Cm, "K92.2"));
    }

    [Fact]
    public void An_unknown_fhir_system_maps_to_none() => Assert.Null(CodeSystems.FromUri("http://example.org/codes"));
}
