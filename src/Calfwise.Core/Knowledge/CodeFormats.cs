using System.Text.RegularExpressions;

namespace Calfwise.Core.Knowledge;

/// <summary>
/// The shape and check digits of the clinical codes in codes.yaml: a typo in a code fails at load instead of
/// silently never matching a lab result, diagnosis or prescription.
/// </summary>
public static partial class CodeFormats
{
    // Verhoeff's dihedral group D5: multiplication table and position permutation (SNOMED CT check digit).
    private static readonly int[,] VerhoeffD =
    {
        { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 },
        { 1, 2, 3, 4, 0, 6, 7, 8, 9, 5 },
        { 2, 3, 4, 0, 1, 7, 8, 9, 5, 6 },
        { 3, 4, 0, 1, 2, 8, 9, 5, 6, 7 },
        { 4, 0, 1, 2, 3, 9, 5, 6, 7, 8 },
        { 5, 9, 8, 7, 6, 0, 4, 3, 2, 1 },
        { 6, 5, 9, 8, 7, 1, 0, 4, 3, 2 },
        { 7, 6, 5, 9, 8, 2, 1, 0, 4, 3 },
        { 8, 7, 6, 5, 9, 3, 2, 1, 0, 4 },
        { 9, 8, 7, 6, 5, 4, 3, 2, 1, 0 },
    };

    private static readonly int[,] VerhoeffP =
    {
        { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 },
        { 1, 5, 7, 6, 2, 8, 3, 0, 9, 4 },
        { 5, 8, 0, 3, 7, 9, 6, 1, 4, 2 },
        { 8, 9, 1, 6, 0, 4, 3, 5, 2, 7 },
        { 9, 4, 5, 3, 1, 2, 6, 8, 7, 0 },
        { 4, 2, 8, 6, 5, 7, 3, 9, 0, 1 },
        { 2, 7, 9, 3, 8, 0, 6, 4, 1, 5 },
        { 7, 0, 4, 6, 9, 1, 3, 2, 5, 8 },
    };

    /// <summary>What is wrong with <paramref name="code"/> as a code of <paramref name="system"/>; null when nothing is.</summary>
    public static string? Problem(CodeSystem system, string code) => system switch
    {
        CodeSystem.Loinc when !LoincShape().IsMatch(code) => $"'{code}' is not a LOINC code (up to 7 digits, a hyphen and a check digit)",
        CodeSystem.Loinc when LoincCheckDigit(code[..^2]) != code[^1] - '0' => $"LOINC '{code}' has a wrong check digit (expected {LoincCheckDigit(code[..^2])})",
        CodeSystem.SnomedCt when !SnomedShape().IsMatch(code) => $"'{code}' is not a SNOMED CT concept id (6 to 18 digits, no leading zero)",
        CodeSystem.SnomedCt when code[^3..^1] is not ("00" or "10") => $"'{code}' is not a SNOMED CT concept id (its partition digits '{code[^3..^1]}' are not 00 or 10)",
        CodeSystem.SnomedCt when !IsVerhoeffValid(code) => $"SNOMED CT '{code}' has a wrong check digit",
        CodeSystem.Icd10Cm when !Icd10CmShape().IsMatch(code) => $"'{code}' is not an ICD-10-CM code (a letter, two characters, then optionally a dot and up to four)",
        CodeSystem.Icd10 when !Icd10Shape().IsMatch(code) => $"'{code}' is not a WHO ICD-10 code (a letter, two digits, then optionally a dot and one or two digits)",
        CodeSystem.Atc when !AtcShape().IsMatch(code) => $"'{code}' is not an ATC code (levels such as C, C03, C03C, C03CA, C03CA01)",
        CodeSystem.RxNorm when !RxNormShape().IsMatch(code) => $"'{code}' is not an RxNorm concept id (digits, no leading zero)",
        _ => null,
    };

    /// <summary>The LOINC mod-10 check digit of the digits before the hyphen (the Luhn algorithm, as the LOINC manual gives it).</summary>
    public static int LoincCheckDigit(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var digit = digits[digits.Length - 1 - i] - '0';
            if (i % 2 == 0)
            {
                // Odd positions counted from the right are doubled; a two-digit product adds both digits.
                digit *= 2;
                digit = digit / 10 + digit % 10;
            }

            sum += digit;
        }

        return (10 - sum % 10) % 10;
    }

    /// <summary>Whether the last digit of <paramref name="digits"/> is its Verhoeff check digit (SNOMED CT identifiers).</summary>
    public static bool IsVerhoeffValid(string digits)
    {
        var check = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            check = VerhoeffD[check, VerhoeffP[i % 8, digits[digits.Length - 1 - i] - '0']];
        }

        return check == 0;
    }

    /// <summary>
    /// Whether a code recorded elsewhere falls under a bound code: the same code, or for the hierarchical ICD-10 and
    /// ATC codes one below it (E11.9 under E11, C03CA01 under C03C). ICD-10 dots are ignored, as some systems drop them.
    /// </summary>
    public static bool Covers(CodeSystem system, string bound, string recorded) => IsHierarchical(system)
        ? AsRecorded(system, recorded).StartsWith(AsBound(system, bound), StringComparison.Ordinal)
        : string.Equals(AsBound(system, bound), AsRecorded(system, recorded), StringComparison.Ordinal);

    /// <summary>Whether a bound code also covers the codes below it (ICD-10, ICD-10-CM, ATC), not only itself.</summary>
    public static bool IsHierarchical(CodeSystem system) => system is CodeSystem.Icd10 or CodeSystem.Icd10Cm or CodeSystem.Atc;

    /// <summary>A bound code in the form <see cref="Covers"/> compares (ICD-10 without dots, upper case).</summary>
    public static string AsBound(CodeSystem system, string bound) => system is CodeSystem.Icd10 or CodeSystem.Icd10Cm ? Undotted(bound) : bound;

    /// <summary>A recorded code in the form <see cref="Covers"/> compares (trimmed; ICD-10 and ATC upper case, ICD-10 without dots).</summary>
    public static string AsRecorded(CodeSystem system, string recorded) => system switch
    {
        CodeSystem.Icd10 or CodeSystem.Icd10Cm => Undotted(recorded),
        CodeSystem.Atc => recorded.Trim().ToUpperInvariant(),
        _ => recorded.Trim(),
    };

    private static string Undotted(string code) => code.Trim().Replace(".", "", StringComparison.Ordinal).ToUpperInvariant();

    [GeneratedRegex(@"^[0-9]{1,7}-[0-9]$", RegexOptions.CultureInvariant)]
    private static partial Regex LoincShape();

    [GeneratedRegex(@"^[1-9][0-9]{5,17}$", RegexOptions.CultureInvariant)]
    private static partial Regex SnomedShape();

    [GeneratedRegex(@"^[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$", RegexOptions.CultureInvariant)]
    private static partial Regex Icd10CmShape();

    [GeneratedRegex(@"^[A-Z][0-9]{2}(\.[0-9]{1,2})?$", RegexOptions.CultureInvariant)]
    private static partial Regex Icd10Shape();

    [GeneratedRegex(@"^[A-Z]([0-9]{2}([A-Z]([A-Z]([0-9]{2})?)?)?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex AtcShape();

    [GeneratedRegex(@"^[1-9][0-9]{0,9}$", RegexOptions.CultureInvariant)]
    private static partial Regex RxNormShape();
}
