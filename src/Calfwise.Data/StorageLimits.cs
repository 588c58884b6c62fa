using Calfwise.Core.Cases;

namespace Calfwise.Data;

/// <summary>
/// How much one person may keep, so that one signed-in account cannot fill the disk. Settings under
/// <c>Storage:Limits</c> (environment: <c>Storage__Limits__MaxEpisodesPerPerson</c> and so on); defaults in docs/web.md.
/// </summary>
/// <remarks>
/// Counts are checked before each new row, so saves racing each other at the limit may pass it by the few in flight.
/// Text fields are limited where they are checked (an episode's place by Core's diary rules, a case by its reader); the
/// stored JSON of an assessment is checked again here as a last line.
/// </remarks>
public sealed class StorageLimits
{
    public const string Section = "Storage:Limits";

    /// <summary>Diary episodes per person: 20,000 is about 18 a day for three years.</summary>
    public int MaxEpisodesPerPerson { get; set; } = 20_000;

    /// <summary>Logged days per person: 5,000 is over thirteen years of days.</summary>
    public int MaxDaysPerPerson { get; set; } = 5_000;

    /// <summary>Saved assessments per person.</summary>
    public int MaxAssessmentsPerPerson { get; set; } = 200;

    /// <summary>Characters in each stored JSON text of an assessment (the case as entered, as assessed, the result shown).</summary>
    public int MaxAssessmentJsonChars { get; set; } = 256 * 1024;
}

/// <summary>A save refused because the person has reached a limit of <see cref="StorageLimits"/>; <see cref="Error"/> names what is full.</summary>
public sealed class StorageLimitException : Exception
{
    public StorageLimitException()
        : this(new InputError("(storage)", "a storage limit was reached"))
    {
    }

    public StorageLimitException(string message)
        : this(new InputError("(storage)", message))
    {
    }

    public StorageLimitException(string message, Exception innerException)
        : base(message, innerException) => Error = new InputError("(storage)", message);

    public StorageLimitException(InputError error)
        : base(error?.Message) => Error = error ?? throw new ArgumentNullException(nameof(error));

    /// <summary>What is full, as a field ("episodes", "days", "assessments") and a sentence for the person.</summary>
    public InputError Error { get; }

    /// <summary>Throws when <paramref name="count"/> rows already reach <paramref name="max"/>.</summary>
    internal static void ThrowIfFull(int count, int max, string field, string what)
    {
        if (count >= max)
        {
            throw new StorageLimitException(new InputError(field, $"You have reached the limit of {what}: at most {max} are kept per person. Please delete some old ones first."));
        }
    }
}
