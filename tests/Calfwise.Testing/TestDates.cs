namespace Calfwise.Testing;

/// <summary>A fixed day of assessment, so tests that read cases (ages from birth dates, dates not in the future) never depend on the clock.</summary>
public static class TestDates
{
    public static readonly DateOnly Today = new(2026, 12, 1);
}
