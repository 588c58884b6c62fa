using System.Globalization;
using Calfwise.Core.Cases;
using Calfwise.Core.Knowledge;

namespace Calfwise.Core.Labs;

/// <summary>Reads <c>analyte=value unit</c> expressions; analytes may be named by id or alias (tsat, hb).</summary>
public static class LabExpression
{
    /// <summary>The labs, or every expression's problem (the labs are checked against the case by <see cref="CaseValidator"/>).</summary>
    public static Result<IReadOnlyList<LabInput>> Parse(IEnumerable<string> expressions, KnowledgeBase knowledge)
    {
        var labs = new List<LabInput>();
        var errors = new List<InputError>();
        foreach (var expression in expressions)
        {
            var equals = expression.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                errors.Add(new(expression, "must look like analyte=value unit, for example ferritin=28ng/mL"));
                continue;
            }

            var name = expression[..equals].Trim();
            var rest = expression[(equals + 1)..].Trim();
            var analyte = Find(name, knowledge);
            if (analyte is null)
            {
                var names = knowledge.Analytes.SelectMany(a => a.Aliases.Prepend(a.Id));
                errors.Add(new(name, CaseValidator.UnknownId("analyte", name, names) + $"; accepted: {string.Join(", ", names)}"));
                continue;
            }

            var split = 0;
            while (split < rest.Length && (char.IsAsciiDigit(rest[split]) || rest[split] is '.' or '-' or '+'))
            {
                split++;
            }

            var number = rest[..split];
            var unit = rest[split..].Trim();
            if (!decimal.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                errors.Add(new(name, $"'{rest}' does not start with a number; write for example {analyte.Id}=28{Display(analyte)}"));
                continue;
            }

            if (unit.Length == 0)
            {
                errors.Add(new(name, $"needs a unit after the number; accepted: {UnitConverter.AcceptedUnits(analyte)}"));
                continue;
            }

            labs.Add(new LabInput(analyte.Id, value, unit));
        }

        return errors.Count > 0 ? Result.Failure<IReadOnlyList<LabInput>>(errors) : Result.Success<IReadOnlyList<LabInput>>(labs);
    }

    private static string Display(Analyte analyte) => UnitText.Display(analyte.Canonical.Code);

    private static Analyte? Find(string name, KnowledgeBase knowledge) =>
        knowledge.AnalytesById.TryGetValue(name.ToLowerInvariant(), out var byId)
            ? byId
            : knowledge.Analytes.FirstOrDefault(a => a.Aliases.Contains(name, StringComparer.OrdinalIgnoreCase));
}
