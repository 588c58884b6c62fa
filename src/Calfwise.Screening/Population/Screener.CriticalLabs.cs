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
        if (!AnyBetween(p.Record.Labs, earliest, Today))
        {
            return; // most records have no result in the window
        }

        foreach (var analyte in p.Record.Labs.Where(l => l.Date >= earliest && l.Date <= Today).Select(l => l.Analyte).Distinct(StringComparer.Ordinal))
        {
            // Only results in the window are read (each reading builds a case): an older one is neither critical in
            // the window nor later than a critical one.
            var results = p.Record.Labs.Where(l => l.Analyte == analyte && l.Date >= earliest && l.Date <= Today).OrderBy(l => l.Date).ToList();
            var read = results.Select(l => (Lab: l, Status: Read(p.Record, l))).ToList();
            var critical = read.Where(r => r.Lab.Date >= earliest && r.Status.Status == LabStatus.Critical).ToList();
            if (critical.Count == 0)
            {
                continue;
            }

            var last = critical[^1].Lab.Date;
            if (read.Any(r => r.Lab.Date > last && r.Status.Status == LabStatus.Normal))
            {
                continue;
            }

            var limits = critical.SelectMany(c => c.Status.Sources);
            hits.Add(p.Hit(ScreeningRules.CriticalLabUnresolved, critical.Select(c => c.Lab.Source).Concat(read.Where(r => r.Lab.Date > last).Select(r => r.Lab.Source)), limits));
        }
    }

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
