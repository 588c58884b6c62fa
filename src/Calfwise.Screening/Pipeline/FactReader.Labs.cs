using Calfwise.Screening.Population;

namespace Calfwise.Screening.Pipeline;

internal sealed partial class FactReader
{
    /// <summary>How many labs a block of <see cref="_pending"/> holds (56 bytes each).</summary>
    private const int PendingBlock = 1 << 14;

    /// <summary>At most this many blocks a thread keeps for the next reader: more than a pass of a bucket fills.</summary>
    private const int SpareBlocks = 48;

    /// <summary>The blocks of a disposed reader, emptied, for the next reader on the thread (one bucket after another).</summary>
    [ThreadStatic]
    private static Stack<(PatientRecord, LabFact)[]>? _spareBlocks;

    /// <summary>
    /// The labs read and not yet in their records' lists, in the order read, in blocks (<see cref="Settle"/>): a
    /// patient's list then grows once, to its size, instead of doubling as the labs come; the blocks are added, never
    /// copied, and kept per thread.
    /// </summary>
    private readonly List<(PatientRecord Record, LabFact Lab)[]> _pending = [];

    private int _pendingCount;

    /// <summary>Keeps <paramref name="lab"/> of <paramref name="record"/> for <see cref="Settle"/>.</summary>
    private void Pend(PatientRecord record, in LabFact lab)
    {
        var (block, at) = Math.DivRem(_pendingCount, PendingBlock);
        if (block == _pending.Count)
        {
            _pending.Add(_spareBlocks?.TryPop(out var spare) == true ? spare : new (PatientRecord, LabFact)[PendingBlock]);
        }

        _pending[block][at] = (record, lab);
        _pendingCount++;
    }

    /// <summary>Puts the labs pending in their records' lists, in the order read, each list grown once to the size it needs.</summary>
    private void Settle()
    {
        for (var i = 0; i < _pendingCount; i++)
        {
            _pending[i / PendingBlock][i % PendingBlock].Record.PendingLabs++;
        }

        for (var i = 0; i < _pendingCount; i++)
        {
            ref readonly var lab = ref _pending[i / PendingBlock][i % PendingBlock];
            var (record, labs) = (lab.Record, lab.Record.Labs);
            if (record.PendingLabs > 0)
            {
                labs.Capacity = Math.Max(labs.Capacity, labs.Count + record.PendingLabs);
                record.PendingLabs = 0;
            }

            labs.Add(lab.Lab);
        }

        ClearPending();
    }

    /// <summary>Empties the blocks (no reference to a record or a chunk left in them), keeping them.</summary>
    private void ClearPending()
    {
        for (var block = 0; block * PendingBlock < _pendingCount; block++)
        {
            _pending[block].AsSpan(0, Math.Min(PendingBlock, _pendingCount - (block * PendingBlock))).Clear();
        }

        _pendingCount = 0;
    }

    /// <summary>Forgets the labs pending and gives the blocks to the next reader on the thread.</summary>
    private void DropPending()
    {
        ClearPending();
        var spare = _spareBlocks ??= new Stack<(PatientRecord, LabFact)[]>();
        foreach (var block in _pending)
        {
            if (spare.Count < SpareBlocks)
            {
                spare.Push(block);
            }
        }

        _pending.Clear();
    }
}
