namespace Calfwise.Screening.Synth;

/// <summary>
/// How often each thing happens in the synthetic population. ROUGH rates for test data only, not clinical claims:
/// they keep the usual order (restless legs a few percent, iron deficiency commoner in women of menstruating age)
/// and make every screening situation occur often enough in a few thousand patients to test the screening on.
/// Rates marked "of ..." are fractions of the group named.
/// </summary>
internal static class Rates
{
    // Demography
    public const double Female = 0.51;
    public const double Deceased = 0.04;
    public const int MaxAge = 95;

    // Demographic cut-offs of the generator (not clinical thresholds: who may be given which situation).
    public const int AdultAge = 18;
    public const int MenstruatingUntil = 50;
    public const int PostmenopausalFrom = 55;
    public const int OlderAdultFrom = 40;

    // Background conditions
    public const double Diabetes = 0.09;
    public const double KidneyDisease = 0.07;
    public const double PregnantOfWomen18To45 = 0.05;
    public const double PreviousClot = 0.02;
    public const double Cancer = 0.03;
    public const double Smoker = 0.14;
    public const double ThyroidDisease = 0.05;
    public const double SleepApnoea = 0.04;
    public const double IronDeficiencyMenstruating = 0.10;
    public const double IronDeficiencyOthers = 0.02;
    public const double ResolvedShare = 0.15;

    // Background medicines (adults)
    public const double Statin = 0.20;
    public const double AceInhibitorOrArb = 0.15;
    public const double ProtonPumpInhibitor = 0.12;
    public const double Diuretic = 0.10;
    public const double Antidepressant = 0.10;

    // Screening situations (each patient has at most one)
    public const double RestlessLegs = 0.04;
    public const double OnDopamineAgonistOfRestlessLegs = 0.25;
    public const double IronDeficiencyAnaemiaOlder = 0.03;
    public const double GiInvestigatedOfAnaemia = 0.4;
    public const double DiureticLowPotassium = 0.02;
    public const double PpiLowMagnesium = 0.015;
    public const double RaisingMedicineHighPotassium = 0.015;
    public const double CriticalRecent = 0.01;

    /// <summary>How far back a critical value counts as recent (the screening's window, a setting of the data).</summary>
    public const int CriticalWindowDays = 30;

    /// <summary>How far back a lab counts as "in the last year".</summary>
    public const int YearDays = 365;
}
