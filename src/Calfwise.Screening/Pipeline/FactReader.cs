using System.Buffers;
using System.Text;
using Calfwise.Core.Knowledge;
using Calfwise.Screening.Population;

namespace Calfwise.Screening.Pipeline;

/// <summary>
/// Reads the facts of the scan's facts files (<see cref="FactCodec"/>) and gathers them by patient into <see cref="Records"/>.
/// The files are read in chunks into pooled buffers; the evidence of each fact kept stays in its chunk as UTF-8
/// (<see cref="Evidence"/>), so no string is made per fact: the strings that repeat (analytes, units, codes) and the
/// lists of them are made once per thread, a patient's id once per gathering. The records, and the evidence in them,
/// are valid until the reader is disposed, which returns its buffers: what must outlive it (hits) is detached first.
/// Not thread-safe.
/// </summary>
internal sealed partial class FactReader(int chunkBytes = FactReader.ChunkBytes) : IDisposable
{
    /// <summary>The size of the chunks files are read in (a fact longer than a chunk gets a chunk of its own size).</summary>
    public const int ChunkBytes = 1 << 20;

    /// <summary>At most this many records a thread keeps for the next gathering (about a bucket's patients: 2,500 in the synthetic exports' buckets).</summary>
    public const int SpareRecords = 4096;

    /// <summary>
    /// The records of the patients of a disposed reader, emptied, for the next reader on the thread (one bucket after
    /// another): their lists are filled again instead of grown anew for each patient.
    /// </summary>
    [ThreadStatic]
    private static Stack<PatientRecord>? _spare;

    private readonly Dictionary<string, PatientRecord> _records = new(StringComparer.Ordinal);

    /// <summary>The chunks evidence of a kept fact points into, earlier than <see cref="_chunk"/>.</summary>
    private readonly List<byte[]> _held = [];

    private byte[] _chunk = ArrayPool<byte>.Shared.Rent(chunkBytes);

    /// <summary>Whether evidence of a kept fact points into <see cref="_chunk"/> (so it must not be overwritten).</summary>
    private bool _chunkHeld;

    /// <summary>Where in <see cref="_chunk"/> the next fact starts, and how much of it the files filled.</summary>
    private int _position, _filled;

    /// <summary>The UTF-8 id of the last fact's patient, and its record (null for a patient of another pass).</summary>
    private byte[] _lastId = new byte[64];

    private int _lastIdLength = -1;
    private PatientRecord? _last;

    private char[] _idChars = new char[64];
    private bool _disposed;

    /// <summary>The patients gathered, in the order their first fact was read.</summary>
    public IReadOnlyCollection<PatientRecord> Records
    {
        get
        {
            Settle();
            return _records.Values;
        }
    }

    /// <summary>The record of a patient gathered, by id.</summary>
    public PatientRecord? Record(string patientId)
    {
        Settle();
        return _records.GetValueOrDefault(patientId);
    }

    /// <summary>Reads every fact of <paramref name="stream"/>, gathering those of the patients of pass <paramref name="pass"/> of <paramref name="passes"/> (<see cref="Buckets.PassOf"/>).</summary>
    public void Read(Stream stream, int pass = 0, int passes = 1)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var end = false;
        while (true)
        {
            if (_position < _filled && ReadFact(pass, passes))
            {
                continue;
            }

            if (end)
            {
                if (_position < _filled)
                {
                    throw new InvalidDataException($"facts: ends inside a fact ({_filled - _position} bytes of it)");
                }

                return;
            }

            end = Fill(stream);
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        var spare = _spare ??= new Stack<PatientRecord>();
        foreach (var record in _records.Values.Take(SpareRecords - spare.Count))
        {
            record.Reset(string.Empty); // no fact of it left to point into the buffers returned below
            spare.Push(record);
        }

        _records.Clear();
        _last = null;
        DropPending();
        foreach (var chunk in _held)
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        _held.Clear();
        ArrayPool<byte>.Shared.Return(_chunk);
        _chunk = [];
    }

    /// <summary>Reads more of the stream after what the chunk holds, first moving to a fresh chunk if it is full; whether the stream ended.</summary>
    private bool Fill(Stream stream)
    {
        if (_position == _filled && !_chunkHeld)
        {
            _position = _filled = 0; // all read and nothing kept points into it: the chunk is read into afresh
        }

        if (_filled == _chunk.Length)
        {
            NextChunk();
        }

        var free = _chunk.AsSpan(_filled);
        var read = stream.ReadAtLeast(free, free.Length, throwOnEndOfStream: false);
        _filled += read;
        return read < free.Length;
    }

    /// <summary>Moves the start of a fact the full chunk cut to the start of the next chunk (the same one if nothing kept points into it and the fact fits in half).</summary>
    private void NextChunk()
    {
        var pending = _filled - _position;
        var size = Math.Max(chunkBytes, pending * 2);
        var next = _chunk;
        var done = false; // the old chunk goes back to the pool, after the fact's start is copied out of it
        if (_chunkHeld || _chunk.Length < size)
        {
            next = ArrayPool<byte>.Shared.Rent(size);
            if (_chunkHeld)
            {
                _held.Add(_chunk);
            }
            else
            {
                done = true;
            }
        }

        _chunk.AsSpan(_position, pending).CopyTo(next);
        if (done)
        {
            ArrayPool<byte>.Shared.Return(_chunk);
        }

        _chunk = next;
        _chunkHeld = false;
        _position = 0;
        _filled = pending;
    }

    /// <summary>Reads the fact at <see cref="_position"/> into its patient's record; false if the chunk holds only part of it.</summary>
    private bool ReadFact(int pass, int passes)
    {
        var cursor = new FactCursor(_chunk.AsSpan(0, _filled), _position);
        var kind = (FactCodec.Kind)cursor.Byte();
        var patient = cursor.TextAt();
        var fact = kind switch
        {
            FactCodec.Kind.Patient => new Parts(Sex: (sbyte)cursor.Byte(), Day: cursor.Int32(), Flag: cursor.Boolean(), Other: cursor.Boolean()),
            FactCodec.Kind.Lab => new Parts(Name: cursor.TextAt(), Value: cursor.Decimal(), Unit: cursor.TextAt()),
            FactCodec.Kind.Condition => new Parts(List: cursor.ListAt(), More: cursor.ListAt(), Flag: cursor.Boolean(), Other: cursor.Boolean()),
            FactCodec.Kind.Medication => new Parts(Name: cursor.TextAt(), List: cursor.ListAt(), Flag: cursor.Boolean()),
            FactCodec.Kind.Procedure => new Parts(Name: cursor.TextAt()),
            _ when cursor.Short => default,
            _ => throw new InvalidDataException($"facts: unknown fact kind {(int)kind}"),
        };
        if (kind != FactCodec.Kind.Patient)
        {
            // every fact but the patient's ends with its evidence: the resource, then the day
            var evidence = cursor.Position;
            cursor.TextAt();
            fact = fact with { Evidence = evidence, Day = cursor.Int32() };
        }

        if (cursor.Short)
        {
            return false;
        }

        _position = cursor.Position;
        if (RecordOf(_chunk.AsSpan(patient), pass, passes) is not { } record)
        {
            return true;
        }

        var strings = BinaryLists.SharedStrings;
        switch (kind)
        {
            case FactCodec.Kind.Patient:
                record.HasPatient = true;
                record.Sex = fact.Sex >= 0 ? (Sex)fact.Sex : null;
                record.BirthDate = fact.Day >= 0 ? DateOnly.FromDayNumber(fact.Day) : null;
                (record.BirthDateExact, record.Deceased) = (fact.Flag, fact.Other);
                break;
            case FactCodec.Kind.Lab:
                Pend(record, new LabFact(strings.Get(_chunk.AsSpan(fact.Name)), fact.Value, strings.Get(_chunk.AsSpan(fact.Unit)), Kept(fact)));
                break;
            case FactCodec.Kind.Condition:
                record.Conditions.Add(new ConditionFact(List(fact.List), List(fact.More), fact.Flag, fact.Other, Kept(fact)));
                break;
            case FactCodec.Kind.Medication:
                record.Medications.Add(new MedicationFact(strings.Get(_chunk.AsSpan(fact.Name)), List(fact.List), fact.Flag, Kept(fact)));
                break;
            default:
                record.Procedures.Add(new ProcedureFact(strings.Get(_chunk.AsSpan(fact.Name)), Kept(fact)));
                break;
        }

        return true;
    }

    /// <summary>
    /// Where the parts of a fact are in the chunk, and its values: the texts and lists (<paramref name="Name"/>,
    /// <paramref name="Unit"/>, <paramref name="List"/>, <paramref name="More"/>) by their place, the evidence by where
    /// its resource starts; the day as its number (-1 for none).
    /// </summary>
    private readonly record struct Parts(
        Range Name = default, decimal Value = 0, Range Unit = default, Range List = default, Range More = default,
        bool Flag = false, bool Other = false, sbyte Sex = -1, int Day = -1, int Evidence = 0);

    private IReadOnlyList<string> List(Range list) => BinaryLists.SharedList(_chunk.AsSpan(list));

    /// <summary>The evidence of <paramref name="fact"/>, kept (so the chunk is held until the reader is disposed).</summary>
    private Evidence Kept(in Parts fact)
    {
        _chunkHeld = true;
        return new Evidence(_chunk, fact.Evidence, fact.Day);
    }

    /// <summary>The record of the patient of <paramref name="id"/> (made at its first fact), or null for a patient of another pass.</summary>
    private PatientRecord? RecordOf(ReadOnlySpan<byte> id, int pass, int passes)
    {
        if (_lastIdLength >= 0 && id.SequenceEqual(_lastId.AsSpan(0, _lastIdLength)))
        {
            return _last; // a patient's facts mostly follow one another
        }

        if (_idChars.Length < Encoding.UTF8.GetMaxCharCount(id.Length))
        {
            _idChars = new char[Encoding.UTF8.GetMaxCharCount(id.Length)];
        }

        var chars = _idChars.AsSpan(0, Encoding.UTF8.GetChars(id, _idChars));
        if (!_records.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(chars, out var record)
            && (passes == 1 || Buckets.PassOf(chars, passes) == pass))
        {
            var patientId = new string(chars);
            if (_spare?.TryPop(out record) == true)
            {
                record.Reset(patientId);
            }
            else
            {
                record = new PatientRecord(patientId);
            }

            _records.Add(patientId, record);
        }

        if (_lastId.Length < id.Length)
        {
            _lastId = new byte[id.Length];
        }

        id.CopyTo(_lastId);
        _lastIdLength = id.Length;
        _last = record;
        return record;
    }
}
