using System.Runtime.CompilerServices;
using Calfwise.Screening.Population;

namespace Calfwise.Screening.Pipeline;

/// <summary>
/// Lets the scan leave unparsed an Observation line whose lab no rule can read: one dated, for certain, outside the
/// year before the day of screening (<see cref="RecordCase.InLabWindow"/>). In a real export most lab results are
/// years old, and the screening reads a year; parsing only the year's lines is most of the flattening's speed once
/// the codes are filtered (docs/screening.md).
/// <para>
/// The view's day is <c>effective.ofType(dateTime)</c>, else <c>effective.ofType(Period).start</c>, else
/// <c>issued</c> (<see cref="FactMapper.ReadLab"/>). A line is left out only when every value the view could take
/// its day from is a day outside the window: the line starts as an Observation, holds no escape (nothing can hide a
/// property's name), names exactly one property starting <c>effective</c>, an <c>effectiveDateTime</c> string that
/// starts with a day outside the window, and every <c>issued</c> in it is a string starting with such a day too.
/// Whether each is the resource's own or a nested one's, the lab's day is then one of them or none (and a lab
/// without a day is not read either). Anything else (whitespace around a colon, a period, a partial date, an
/// instant) is parsed, and the scan checks the day it reads.
/// </para>
/// </summary>
public sealed class LabWindowPrefilter(DateOnly today)
{
    /// <summary>The day of screening.</summary>
    public DateOnly Today { get; } = today;

    /// <summary>Whether a lab of <paramref name="day"/> is read on <see cref="Today"/> (the check of a line that was parsed).</summary>
    public bool Reads(DateOnly day) => RecordCase.InLabWindow(day, Today);

    /// <summary>Whether <paramref name="line"/> is certainly an Observation whose lab, if any, is dated outside the window.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool IsOutside(ReadOnlySpan<byte> line)
    {
        if (!line.StartsWith("{\"resourceType\":\"Observation\","u8) || line[^1] != '}' || line.IndexOf((byte)'\\') >= 0)
        {
            return false;
        }

        var effective = line.IndexOf("\"effective"u8);
        if (effective < 0 || line[(effective + 1)..].IndexOf("\"effective"u8) >= 0
            || !DayOutside(line[effective..], "\"effectiveDateTime\":\""u8))
        {
            return false;
        }

        for (var rest = line; rest.IndexOf("\"issued\""u8) is var issued and >= 0; rest = rest[(issued + 1)..])
        {
            if (!DayOutside(rest[issued..], "\"issued\":\""u8))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether <paramref name="text"/> starts with <paramref name="name"/> and a string whose first ten bytes are a day outside the window.</summary>
    private bool DayOutside(ReadOnlySpan<byte> text, ReadOnlySpan<byte> name) =>
        text.StartsWith(name) && text.Length >= name.Length + 11 && text[(name.Length + 10)..].IndexOf((byte)'"') >= 0
        && FhirDays.Parse(text.Slice(name.Length, 10)) is { } day && !Reads(day);
}
