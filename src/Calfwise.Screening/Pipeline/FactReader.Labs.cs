using System.Buffers;
using Calfwise.Screening.Population;

namespace Calfwise.Screening.Pipeline;

internal sealed partial class FactReader
{
    /// <summary>
    /// The labs read and not yet in their records' lists, in the order read (<see cref="Settle"/>): a patient's list
    /// then grows once, to its size, instead of doubling as the labs come (a bucket's are half its bytes).
    /// </summary>
    private (PatientRecord Record, LabFact Lab)[] _pending = [];

    private int _pendingCount;

    /// <summary>Keeps <paramref name="lab"/> of <paramref name="record"/> for <see cref="Settle"/>.</summary>
    private void Pend(PatientRecord record, in LabFact lab)
    {
        if (_pendingCount == _pending.Length)
        {
            var count = _pendingCount;
            var more = ArrayPool<(PatientRecord, LabFact)>.Shared.Rent(Math.Max(4096, _pending.Length * 2));
            _pending.AsSpan(0, _pendingCount).CopyTo(more);
            DropPending();
            (_pending, _pendingCount) = (more, count);
        }

        _pending[_pendingCount++] = (record, lab);
    }

    /// <summary>Puts the labs pending in their records' lists, in the order read, each list grown once to the size it needs.</summary>
    private void Settle()
    {
        var pending = _pending.AsSpan(0, _pendingCount);
        foreach (ref readonly var lab in pending)
        {
            lab.Record.PendingLabs++;
        }

        foreach (ref readonly var lab in pending)
        {
            var (record, labs) = (lab.Record, lab.Record.Labs);
            if (record.PendingLabs > 0)
            {
                labs.Capacity = Math.Max(labs.Capacity, labs.Count + record.PendingLabs);
                record.PendingLabs = 0;
            }

            labs.Add(lab.Lab);
        }

        pending.Clear(); // no reference to a record or a chunk left in the array
        _pendingCount = 0;
    }

    /// <summary>Forgets the labs pending and gives their array back (none is lent at first).</summary>
    private void DropPending()
    {
        _pending.AsSpan(0, _pendingCount).Clear();
        if (_pending.Length > 0)
        {
            ArrayPool<(PatientRecord, LabFact)>.Shared.Return(_pending);
        }

        _pending = [];
        _pendingCount = 0;
    }
}
