namespace Calfwise.Core.Knowledge.Reading;

/// <summary>instruments.yaml: the IRLSSG criteria and the IRLS bands.</summary>
internal sealed partial class KnowledgeReader
{
    private RlsInstruments ReadInstruments(NodeMap root)
    {
        var irlssg = root.Map("irlssg");
        var irls = root.Map("irls");
        var criteria = new List<IrlssgCriterion>();
        string criteriaSource = "", scaleSource = "", licence = "";
        if (irlssg is not null)
        {
            irlssg.OnlyKeys("source", "criteria");
            criteriaSource = SourceRef(irlssg) ?? "";
            foreach (var c in irlssg.Maps("criteria"))
            {
                c.OnlyKeys("number", "text", "finding", "mimics");
                var (number, text, finding) = (c.Int("number"), c.Str("text"), c.Str("finding", required: false));
                Uses(ReferenceKind.Finding, finding, c.Location);
                var mimics = new List<RlsMimic>();
                foreach (var m in c.Maps("mimics", required: false))
                {
                    m.OnlyKeys("finding", "condition");
                    var (mimicFinding, condition) = (m.Str("finding"), m.Str("condition", required: false));
                    Uses(ReferenceKind.Finding, mimicFinding, m.Location);
                    Uses(ReferenceKind.Condition, condition, m.Location);
                    if (mimicFinding is not null)
                    {
                        mimics.Add(new RlsMimic(mimicFinding, condition));
                    }
                }

                if (finding is null && mimics.Count == 0)
                {
                    c.Error("a criterion needs a 'finding' or a list of 'mimics'");
                }

                if (number is not null && text is not null)
                {
                    criteria.Add(new IrlssgCriterion(number.Value, text, finding, mimics));
                }
            }

            if (!criteria.Select(c => c.Number).Order().SequenceEqual([1, 2, 3, 4, 5]))
            {
                irlssg.Error("the IRLSSG criteria must be numbered 1 to 5, each once");
            }
        }

        var bands = new List<IrlsBand>();
        int items = 0, maxItem = 0;
        if (irls is not null)
        {
            irls.OnlyKeys("source", "items", "maxItemScore", "bands", "licenceNote");
            scaleSource = SourceRef(irls) ?? "";
            items = irls.Int("items") ?? 0;
            maxItem = irls.Int("maxItemScore") ?? 0;
            licence = irls.Str("licenceNote") ?? "";
            foreach (var b in irls.Maps("bands"))
            {
                b.OnlyKeys("min", "max", "label");
                var (min, max, label) = (b.Int("min"), b.Int("max"), b.Str("label"));
                if (min is not null && max is not null && label is not null)
                {
                    bands.Add(new IrlsBand(min.Value, max.Value, label));
                }
            }

            var covered = 0;
            foreach (var band in bands.OrderBy(b => b.Min))
            {
                if (band.Min != covered || band.Max < band.Min)
                {
                    irls.Error($"IRLS bands must cover 0 to {items * maxItem} without gaps or overlaps; band '{band.Label}' starts at {band.Min}");
                    break;
                }

                covered = band.Max + 1;
            }

            if (bands.Count > 0 && covered != (items * maxItem) + 1)
            {
                irls.Error($"IRLS bands must end at {items * maxItem}");
            }
        }

        return new RlsInstruments(criteriaSource, criteria, scaleSource, items, maxItem, bands, licence);
    }
}
