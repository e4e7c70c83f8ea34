using Monitor.Rules.State;

namespace Monitor.Rules.Windows;

/// <summary>
/// The recent values of a gauge (entities of a type, restaurants in the feed, a feed timestamp): the
/// last two values and, when some rule needs a baseline, bucketed sums and counts over its lookback.
/// </summary>
internal sealed class GaugeHistory
{
    private readonly long _widthTicks;
    private readonly long[] _starts;
    private readonly double[] _sums;
    private readonly long[] _counts;

    public GaugeHistory(long widthTicks, int count)
    {
        _widthTicks = Math.Max(1, widthTicks);
        _starts = new long[count];
        Array.Fill(_starts, long.MinValue);
        _sums = new double[count];
        _counts = new long[count];
    }

    public DateTimeOffset? LastAt { get; private set; }

    public double Last { get; private set; }

    public DateTimeOffset? PreviousAt { get; private set; }

    public double Previous { get; private set; }

    public void Record(DateTimeOffset at, double value)
    {
        if (LastAt is { } lastAt && at < lastAt)
        {
            return; // A late value says nothing about the current level.
        }

        PreviousAt = LastAt;
        Previous = Last;
        LastAt = at;
        Last = value;
        if (_starts.Length == 0)
        {
            return;
        }

        var index = at.UtcTicks / _widthTicks;
        var slot = (int)(index % _starts.Length);
        if (_starts[slot] != index)
        {
            _starts[slot] = index;
            _sums[slot] = 0;
            _counts[slot] = 0;
        }

        _sums[slot] += value;
        _counts[slot]++;
    }

    /// <summary>Sum and count of the values recorded in (end - window, end].</summary>
    public (double Sum, long Count) Total(long endTicks, TimeSpan window)
    {
        if (_starts.Length == 0)
        {
            return (0, 0);
        }

        var (first, last) = WindowWidths.Range(endTicks, window, _widthTicks);
        first = Math.Max(first, last - _starts.Length + 1);
        double sum = 0;
        long count = 0;
        for (var index = first; index <= last; index++)
        {
            var slot = (int)(index % _starts.Length);
            if (_starts[slot] == index)
            {
                sum += _sums[slot];
                count += _counts[slot];
            }
        }

        return (sum, count);
    }

    public GaugeSnapshot ToSnapshot() =>
        new(LastAt, Last, PreviousAt, Previous, (long[])_starts.Clone(), (double[])_sums.Clone(), (long[])_counts.Clone());

    public void Restore(GaugeSnapshot snapshot)
    {
        (LastAt, Last, PreviousAt, Previous) = (snapshot.LastAt, snapshot.Last, snapshot.PreviousAt, snapshot.Previous);
        if (snapshot.Starts.Length == _starts.Length && snapshot.Sums.Length == _sums.Length && snapshot.Counts.Length == _counts.Length)
        {
            snapshot.Starts.CopyTo(_starts, 0);
            snapshot.Sums.CopyTo(_sums, 0);
            snapshot.Counts.CopyTo(_counts, 0);
        }
    }
}
