using Calfwise.Core.Cases;
using Calfwise.Core.Knowledge;

namespace Calfwise.Web.Pages;

/// <summary>Which entered lab result a problem belongs to, found as data rather than read back out of a field name.</summary>
public static class LabErrors
{
    /// <summary>
    /// Each entered result checked on its own against the person (their age, sex and pregnancy, without other results):
    /// the first problem of each that has one, by analyte id.
    /// </summary>
    public static Dictionary<string, InputError> OfEach(PatientCase person, IEnumerable<LabInput> entered, KnowledgeBase knowledge, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(entered);
        var alone = person with { Labs = [] };
        var general = CaseValidator.Validate(alone, knowledge, clock).Errors;
        var errors = new Dictionary<string, InputError>(StringComparer.Ordinal);
        foreach (var lab in entered)
        {
            if (CaseValidator.Validate(alone with { Labs = [lab] }, knowledge, clock).Errors.Except(general).FirstOrDefault() is { } own)
            {
                errors[lab.Analyte] = own;
            }
        }

        return errors;
    }
}
