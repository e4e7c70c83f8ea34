using System.Collections.Concurrent;
using Monitor.Rules.Observations;

namespace Monitor.Metrics;

/// <summary>
/// A small in-memory history per signal: one point per minute for the last <see cref="Minutes"/>
/// minutes, in a ring, so memory stays fixed however long the daemon runs. It is for people looking
/// at the status page; Prometheus keeps the long history.
/// </summary>
internal sealed class SignalHistory
{
    /// <summary>Minutes kept per signal (6 hours).</summary>
    public const int Minutes = 360;

    /// <summary>Most signals tracked; more (a misbehaving producer) are not charted.</summary>
    public const int MaxSignals = 256;

    private readonly ConcurrentDictionary<string, Ring> _rings = new(StringComparer.Ordinal);

    /// <summary>Names of the signals seen so far, sorted.</summary>
    public IReadOnlyList<string> Signals => [.. _rings.Keys.Order(StringComparer.Ordinal)];

    public void Record(in Observation observation) =>
        RingOf(observation.Signal)?.Add(observation.Timestamp, observation.Success, observation.Latency.TotalSeconds);

    /// <summary>Records an aggregate outcome (for example a feed's valid and invalid entities) as that many observations at one time.</summary>
    public void RecordCounts(string signal, DateTimeOffset at, long successes, long failures)
    {
        // An entity type absent from the feed is not a signal worth a row on the page.
        if (successes + failures > 0)
        {
            RingOf(signal)?.AddCounts(at, successes, failures);
        }
    }

    /// <summary>Records a batch; one look-up and one lock per run of observations of the same signal.</summary>
    public void Record(ReadOnlySpan<Observation> observations)
    {
        var start = 0;
        while (start < observations.Length)
        {
            var signal = observations[start].Signal;
            var end = start + 1;
            while (end < observations.Length && string.Equals(observations[end].Signal, signal, StringComparison.Ordinal))
            {
                end++;
            }

            RingOf(signal)?.Add(observations[start..end]);
            start = end;
        }
    }

    /// <summary>The minutes with data of one signal within <paramref name="span"/> before <paramref name="now"/>, oldest first.</summary>
    public IReadOnlyList<MinutePoint> Points(string signal, DateTimeOffset now, TimeSpan span) =>
        _rings.TryGetValue(signal, out var ring) ? ring.Read(now, span) : [];

    /// <summary>Time of the newest observation of a signal, or null if none was seen.</summary>
    public DateTimeOffset? LastSeen(string signal) => _rings.TryGetValue(signal, out var ring) ? ring.Last : null;

    private Ring? RingOf(string signal)
    {
        if (_rings.TryGetValue(signal, out var ring))
        {
            return ring;
        }

        return _rings.Count >= MaxSignals ? null : _rings.GetOrAdd(signal, _ => new Ring());
    }

    private sealed class Ring
    {
        private readonly Lock _gate = new();
        private readonly Slot[] _slots = new Slot[Minutes];

        public DateTimeOffset? Last { get; private set; }

        public void Add(DateTimeOffset at, bool success, double latency)
        {
            lock (_gate)
            {
                AddLocked(at, 1, success ? 0 : 1, latency);
            }
        }

        public void AddCounts(DateTimeOffset at, long successes, long failures)
        {
            if (successes + failures <= 0)
            {
                return;
            }

            lock (_gate)
            {
                AddLocked(at, successes + failures, failures, 0);
            }
        }

        public void Add(ReadOnlySpan<Observation> observations)
        {
            lock (_gate)
            {
                foreach (ref readonly var o in observations)
                {
                    AddLocked(o.Timestamp, 1, o.Success ? 0 : 1, o.Latency.TotalSeconds);
                }
            }
        }

        private void AddLocked(DateTimeOffset at, long samples, long failures, double latency)
        {
            var minute = at.ToUnixTimeSeconds() / 60;
            ref var slot = ref _slots[(int)(minute % Minutes)];
            if (slot.Minute != minute)
            {
                if (slot.Minute > minute)
                {
                    return; // Older than anything the ring still holds.
                }

                slot = new Slot { Minute = minute };
            }

            slot.Samples += samples;
            slot.Failures += failures;
            slot.LatencySum += latency * samples;
            slot.LatencyMax = Math.Max(slot.LatencyMax, latency);
            if (Last is not { } last || at > last)
            {
                Last = at;
            }
        }

        public IReadOnlyList<MinutePoint> Read(DateTimeOffset now, TimeSpan span)
        {
            var last = now.ToUnixTimeSeconds() / 60;
            var first = last - Math.Min(Minutes, Math.Max(1, (long)Math.Ceiling(span.TotalMinutes))) + 1;
            var points = new List<MinutePoint>();
            lock (_gate)
            {
                for (var minute = first; minute <= last; minute++)
                {
                    var slot = _slots[(int)(((minute % Minutes) + Minutes) % Minutes)];
                    if (slot.Minute == minute && slot.Samples > 0)
                    {
                        points.Add(new MinutePoint(DateTimeOffset.FromUnixTimeSeconds(minute * 60), slot.Samples, slot.Failures, slot.LatencySum, slot.LatencyMax));
                    }
                }
            }

            return points;
        }
    }

    private struct Slot
    {
        public long Minute;
        public long Samples;
        public long Failures;
        public double LatencySum;
        public double LatencyMax;
    }
}
