using System.Collections.Frozen;
using Calfwise.Core.Knowledge;

namespace Calfwise.Screening.Population;

public sealed partial class Screener
{
    /// <summary>
    /// A result in the last <see cref="CriticalWindowDays"/> days the knowledge base reads as critical (a limit at
    /// urgent or emergency level crossed, labs.yaml), with no later result of the same analyte reading normal. Each
    /// result is read on its own, against the person's ranges and limits on the day of screening.
    /// </summary>
    private void CriticalLabs(PatientContext p, List<ScreeningHit> hits)
    {
        var earliest = Today.AddDays(-CriticalWindowDays);
        var labs = p.Record.Labs;
        if (!AnyBetween(labs, earliest, Today))
        {
            return; // most records have no result in the window
        }

        // Each analyte of the window once, in the order of its first result there.
        List<(LabFact Lab, LabStatus? Status, IReadOnlyList<string> Sources)>? read = null;
        for (var first = 0; first < labs.Count; first++)
        {
            var analyte = labs[first].Analyte;
            if (!Within(labs[first], earliest) || !CanBeCritical(analyte) || AnalyteBefore(labs, first, earliest))
            {
                continue;
            }

            // Only results in the window are read (each reading builds a case): an older one is neither critical in
            // the window nor later than a critical one. In the order of their days (those of one day as recorded).
            read ??= [];
            read.Clear();
            for (var i = first; i < labs.Count; i++)
            {
                if (labs[i].Analyte == analyte && Within(labs[i], earliest))
                {
                    var (status, sources) = Read(p.Record, labs[i]);
                    var at = read.Count;
                    while (at > 0 && read[at - 1].Lab.Date > labs[i].Date)
                    {
                        at--;
                    }

                    read.Insert(at, (labs[i], status, sources));
                }
            }

            if (read.FindLastIndex(r => r.Status == LabStatus.Critical) is var lastCritical and >= 0
                && read[lastCritical].Lab.Date is var last
                && !read.Exists(r => r.Lab.Date > last && r.Status == LabStatus.Normal))
            {
                var critical = read.Where(r => r.Status == LabStatus.Critical).ToList();
                var limits = critical.SelectMany(c => c.Sources);
                hits.Add(p.Hit(ScreeningRules.CriticalLabUnresolved, critical.Select(c => c.Lab.Source).Concat(read.Where(r => r.Lab.Date > last).Select(r => r.Lab.Source)), limits));
            }
        }
    }

    private bool Within(in LabFact lab, DateOnly earliest) => lab.Date >= earliest && lab.Date <= Today;

    /// <summary>Whether a result in the window before the <paramref name="index"/>th is of the same analyte.</summary>
    private bool AnalyteBefore(List<LabFact> labs, int index, DateOnly earliest)
    {
        for (var i = 0; i < index; i++)
        {
            if (labs[i].Analyte == labs[index].Analyte && Within(labs[i], earliest))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether a result of <paramref name="analyte"/> can read critical: only a limit at urgent or emergency level makes
    /// a result critical (what <see cref="Core.Engine.LabInterpreter"/> reads), so the results of an analyte the
    /// knowledge base gives none are not read (those of an analyte it does not know are, as before).
    /// </summary>
    private bool CanBeCritical(string analyte) => !_noCriticalLimit.Contains(analyte);

    /// <summary>The analytes with no critical limit at urgent or emergency level.</summary>
    private readonly FrozenSet<string> _noCriticalLimit = knowledge.Analytes
        .Where(a => !a.Critical.Any(c => c.MarksCritical)).Select(a => a.Id).ToFrozenSet(StringComparer.Ordinal);

    private static bool AnyBetween(List<LabFact> labs, DateOnly earliest, DateOnly latest)
    {
        foreach (var lab in labs)
        {
            if (lab.Date >= earliest && lab.Date <= latest)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>One result read on its own: its status and the sources of the critical limits it crosses.</summary>
    private (LabStatus? Status, IReadOnlyList<string> Sources) Read(PatientRecord record, LabFact lab)
    {
        var one = RecordCase.Build(record, Today, knowledge, [lab]);
        if (!one.IsSuccess || _labs.Interpret(one.Value!) is not [var result, ..])
        {
            return (null, []);
        }

        var canonical = one.Value!.Labs[0].Canonical.Value;
        var sources = knowledge.AnalytesById[lab.Analyte].Critical.Where(c => c.MarksCritical && c.IsCrossedBy(canonical, one.Value.IsPregnant)).Select(c => c.SourceId).ToList();
        return (result.Status, sources);
    }
}
