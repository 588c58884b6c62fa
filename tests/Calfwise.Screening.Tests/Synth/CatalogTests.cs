using Calfwise.Core.Knowledge;
using Calfwise.Core.Labs;
using Calfwise.Knowledge;
using Calfwise.Screening.Synth;

namespace Calfwise.Screening.Tests.Synth;

/// <summary>The generator's codes: every LOINC code the knowledge binds has units it accepts; fixed codes are well formed.</summary>
public sealed class CatalogTests
{
    private static KnowledgeBase Knowledge => EmbeddedKnowledge.Instance;

    [Fact]
    public void Every_loinc_code_the_knowledge_binds_is_written_in_units_the_analyte_accepts()
    {
        var labs = new LabCatalog(Knowledge);

        foreach (var analyte in Knowledge.Analytes)
        {
            var codes = labs.CodesOf(analyte.Id);
            Assert.Equal(Knowledge.Codes.LoincOf(analyte.Id).ToHashSet(), codes.Select(c => c.Loinc).ToHashSet());
            Assert.All(codes, c => Assert.Equal(c.Unit, UnitConverter.Find(analyte, c.Ucum.Replace("[IU]", "IU", StringComparison.Ordinal))));
        }
    }

    [Fact]
    public void Every_substance_falls_under_its_class_binding()
    {
        var clinical = new ClinicalCatalog(Knowledge);

        foreach (var cls in new[] { "loop-diuretic", "thiazide-diuretic", "proton-pump-inhibitor", "dopamine-agonist" }.Concat(ClinicalCatalog.PotassiumRaising))
        {
            Assert.All(clinical.Medicines(cls), m => Assert.Contains(Knowledge.Codes.MedicationClassesByAtc(m.Atc), c => c.Id == cls));
        }

        Assert.Equal(["N04BC04", "N04BC05", "N04BC09"], clinical.Medicines("dopamine-agonist").Select(m => m.Atc));
        Assert.All(ClinicalCatalog.Iron, m => Assert.StartsWith("B03A", m.Atc, StringComparison.Ordinal));
    }

    [Fact]
    public void Fixed_snomed_and_loinc_codes_pass_their_check_digits()
    {
        var snomed = ClinicalCatalog.GiInvestigations.Append(ClinicalCatalog.MedicationReconciliation)
            .Concat(ClinicalCatalog.EncounterTypes.Select(e => e.Type)).Concat(VitalSign.SmokingAnswers).Select(c => c.Snomed);
        var loinc = new[] { VitalSign.HeartRate, VitalSign.Systolic, VitalSign.Diastolic, VitalSign.BodyWeight, VitalSign.BodyHeight, VitalSign.Bmi }
            .Select(v => v.Loinc).Append(VitalSign.BloodPressurePanel).Append(VitalSign.SmokingStatus);

        Assert.All(snomed, code => Assert.Null(CodeFormats.Problem(CodeSystem.SnomedCt, code)));
        Assert.All(loinc, code => Assert.Null(CodeFormats.Problem(CodeSystem.Loinc, code)));
        Assert.All(loinc, code => Assert.Null(Knowledge.Codes.AnalyteByLoinc(code)));
    }
}
