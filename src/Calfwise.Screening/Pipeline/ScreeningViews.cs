using System.Text.Json;
using Calfwise.Screening.Views;

namespace Calfwise.Screening.Pipeline;

/// <summary>
/// The ViewDefinitions of knowledge/views (shipped in this assembly) compiled once, with the fact each resource type
/// becomes. A view missing a column the mapper reads fails here, at start, naming the view and the column.
/// </summary>
public sealed class ScreeningViews
{
    private static readonly string[] Coded = ["id", "patient_id", "code_system", "code"];

    private readonly Dictionary<string, Entry> _byResource;

    private ScreeningViews(Dictionary<string, Entry> byResource) => _byResource = byResource;

    /// <summary>The resource types screening reads; the files of every other type are not opened.</summary>
    public IReadOnlyCollection<string> ResourceTypes => _byResource.Keys;

    private static readonly Lazy<ScreeningViews> ShippedViews = new(Load);

    /// <summary>The shipped views, read and compiled once per process (compiled views run on many threads at once).</summary>
    public static ScreeningViews Shipped => ShippedViews.Value;

    public static ScreeningViews Load()
    {
        var entries = new Dictionary<string, Entry>(StringComparer.Ordinal);
        void Add(string file, Func<FactMapper, ViewRows, FactMapper.Mapped> map, params string[] required)
        {
            var view = CompiledView.Compile(ViewDefinition.Parse(Read(file)));
            entries[view.Resource] = new Entry(file, view, map, required);
        }

        Add("patient.json", (_, rows) => FactMapper.Patient(rows), "id", "gender", "birth_date", "deceased", "deceased_date_time");
        Add("observation-labs.json", (m, rows) => m.Observation(rows), "id", "patient_id", "loinc_code", "status", "value", "comparator", "unit_system", "ucum_code", "unit", "effective_date_time", "effective_period_start", "issued");
        Add("condition.json", (m, rows) => m.Condition(rows), [.. Coded, "clinical_status", "verification_status", "onset_date_time", "onset_period_start", "recorded_date"]);
        Add("medication.json", (m, rows) => m.Medication(rows, statement: false), [.. Coded, "status", "authored_on", "medication_text", "display"]);
        Add("medication-statement.json", (m, rows) => m.Medication(rows, statement: true), [.. Coded, "status", "effective_date_time", "effective_period_start", "date_asserted", "medication_text", "display"]);
        Add("procedure.json", (m, rows) => m.Procedure(rows), [.. Coded, "status", "performed_date_time", "performed_period_start"]);
        return new ScreeningViews(entries);
    }

    /// <summary>A reader of one resource type for one thread (its row buffer is reused from resource to resource).</summary>
    public Reader? ReaderFor(string resourceType, FactMapper mapper) =>
        _byResource.TryGetValue(resourceType, out var entry) ? Reader.Create(entry, mapper) : null;

    /// <summary>The text of a view shipped with Calfwise (for <c>calfwise views</c> and the docs).</summary>
    public static string Read(string file)
    {
        using var stream = typeof(ScreeningViews).Assembly.GetManifestResourceStream($"views/{file}")
            ?? throw new InvalidOperationException($"the view {file} is not in the assembly");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    internal sealed record Entry(string File, CompiledView View, Func<FactMapper, ViewRows, FactMapper.Mapped> Map, string[] Required);

    /// <summary>Runs the view over one resource and maps its rows to a fact.</summary>
    public sealed class Reader
    {
        private readonly Entry _entry;
        private readonly FactMapper _mapper;

        internal static Reader Create(Entry entry, FactMapper mapper) => new(entry, mapper);

        private Reader(Entry entry, FactMapper mapper)
        {
            _entry = entry;
            _mapper = mapper;
            Rows = new ViewRows(entry.File, entry.View.Columns, entry.Required);
        }

        /// <summary>The rows of the last resource read (valid until the next).</summary>
        public ViewRows Rows { get; }

        /// <summary>
        /// Reads one resource straight off its UTF-8 bytes into <see cref="Rows"/> (no string made); false when the line
        /// needs <see cref="Map"/> (the view does not stream, the line is unusual, of another resource type, or not JSON).
        /// </summary>
        public bool TryRead(ReadOnlyMemory<byte> line)
        {
            Rows.UseCells(line);
            return _entry.View.TryRun(line.Span, Rows.Cells);
        }

        /// <summary>The fact of the resource <see cref="TryRead"/> read; a resource the view's where clause leaves out is <see cref="SkipReason.NotBound"/>.</summary>
        public FactMapper.Mapped MapRead() => Rows.Count == 0 ? FactMapper.Mapped.Skip(SkipReason.NotBound) : _entry.Map(_mapper, Rows);

        /// <summary>The fact of one resource read straight off its bytes, or null when it needs <see cref="Map"/>.</summary>
        public FactMapper.Mapped? TryMap(ReadOnlyMemory<byte> line) => TryRead(line) ? MapRead() : null;

        /// <summary>The fact of one resource; a resource the view's where clause leaves out is <see cref="SkipReason.NotBound"/>.</summary>
        public FactMapper.Mapped Map(JsonElement resource)
        {
            Rows.UseObjects();
            _entry.View.Run(resource, Rows.Objects);
            return Rows.Count == 0 ? FactMapper.Mapped.Skip(SkipReason.NotBound) : _entry.Map(_mapper, Rows);
        }
    }
}
