using System.Collections.Frozen;

namespace Calfwise.Core.Presentation;

/// <summary>
/// Where the person is: the number to call in an emergency, the service to turn to for urgent advice that is not an
/// emergency, and the iron tablet sold there. One place for these facts; the web app picks one with the
/// <c>Calfwise:Locale:Country</c> setting (default <see cref="DefaultCountry"/>).
/// </summary>
/// <param name="Country">The country code (ISO 3166-1 alpha-2, or "EU" for the European Union's common number).</param>
/// <param name="Name">The country or region in words.</param>
/// <param name="EmergencyNumber">The number to call in an emergency (sources: <see cref="EmergencySourceId"/>).</param>
/// <param name="UrgentService">Where to get urgent advice that is not an emergency, in words a person can act on.</param>
/// <param name="EmergencySourceId">The source (knowledge/sources.yaml) for the numbers.</param>
/// <param name="Iron">The usual oral iron tablet there, or null when Calfwise states only the elemental iron.</param>
public sealed record Locale(string Country, string Name, string EmergencyNumber, string UrgentService, string EmergencySourceId, IronTablet? Iron)
{
    /// <summary>The country used when none is configured.</summary>
    public const string DefaultCountry = "GB";

    private static readonly IronTablet UkIron = new("one ferrous sulfate 200 mg tablet, which holds 65 mg of elemental iron", ["bnf-ferrous-sulfate", "nice-cks-iron-anaemia"]);
    private static readonly IronTablet UsIron = new("one ferrous sulfate 325 mg tablet, which holds 65 mg of elemental iron", ["irlssg-2018-iron"]);

    private static readonly FrozenDictionary<string, Locale> Known = new Locale[]
    {
        new("GB", "United Kingdom", "999", "NHS 111 (call 111 or go to 111.nhs.uk)", "nhs-999-111", UkIron),
        new("IE", "Ireland", "112", "your GP or the GP out-of-hours service", "eu-112", null),
        new("EU", "European Union", "112", "your doctor or the local out-of-hours service", "eu-112", null),
        new("US", "United States", "911", "your doctor or an urgent care clinic", "us-911", UsIron),
        new("CA", "Canada", "911", "your doctor or an urgent care clinic", "ca-911", null),
        new("AU", "Australia", "000", "healthdirect (1800 022 222)", "au-000-healthdirect", null),
        new("NZ", "New Zealand", "111", "Healthline (0800 611 116)", "nz-111-healthline", null),
    }.ToFrozenDictionary(l => l.Country, StringComparer.OrdinalIgnoreCase);

    /// <summary>The countries Calfwise knows, by code.</summary>
    public static IReadOnlyCollection<string> Countries => Known.Keys;

    /// <summary>The default locale (<see cref="DefaultCountry"/>).</summary>
    public static Locale Default => Known[DefaultCountry];

    /// <summary>The locale of a country code (case-insensitive), or null when Calfwise does not know it.</summary>
    public static Locale? For(string? country) =>
        country is not null && Known.TryGetValue(country.Trim(), out var locale) ? locale : null;

    /// <summary>"Call 999" and so on.</summary>
    public string CallEmergency => $"Call {EmergencyNumber}";

    /// <summary>
    /// The heading of an emergency: the emergency triage level's advice says to call emergency services or go to an
    /// emergency department, and some warning signs (a dangerous lab value) say to go, so the heading names both, as
    /// the NHS's "call 999 or go to A&amp;E now" does (nhs-999-111).
    /// </summary>
    public string EmergencyHeading => $"{CallEmergency} or go to an emergency department now";

    /// <summary>
    /// Fills the placeholders of plain-language knowledge text: <c>{emergency}</c> (the number), <c>{urgent}</c> (the
    /// urgent service) and <c>{iron-tablet}</c> (the local tablet, or the elemental dose alone).
    /// </summary>
    public string Fill(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text
            .Replace("{emergency}", EmergencyNumber, StringComparison.Ordinal)
            .Replace("{urgent}", UrgentService, StringComparison.Ordinal)
            .Replace("{iron-tablet}", Iron?.Text ?? "a tablet with 65 mg of elemental iron (ask a pharmacist which one)", StringComparison.Ordinal);
    }

    /// <summary>The placeholders <see cref="Fill"/> knows; knowledge text may use no others.</summary>
    public static IReadOnlyList<string> Placeholders { get; } = ["{emergency}", "{urgent}", "{iron-tablet}"];
}

/// <summary>The usual oral iron tablet of a country, always stating its elemental iron, with its source.</summary>
public sealed record IronTablet(string Text, IReadOnlyList<string> SourceIds);
