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

    public void Record(in Observation observation)
    {
        if (!_rings.TryGetValue(observation.Signal, out var ring))
        {
            if (_rings.Count >= MaxSignals)
            {
                return;
            }

            ring = _rings.GetOrAdd(observation.Signal, _ => new Ring());
        }

        ring.Add(observation.Timestamp, observation.Success, observation.Latency.TotalSeconds);
    }

    /// <summary>The minutes with data of one signal within <paramref name="span"/> before <paramref name="now"/>, oldest first.</summary>
    public IReadOnlyList<MinutePoint> Points(string signal, DateTimeOffset now, TimeSpan span) =>
        _rings.TryGetValue(signal, out var ring) ? ring.Read(now, span) : [];

    /// <summary>Time of the newest observation of a signal, or null if none was seen.</summary>
    public DateTimeOffset? LastSeen(string signal) => _rings.TryGetValue(signal, out var ring) ? ring.Last : null;

    private sealed class Ring
    {
        private readonly Lock _gate = new();
        private readonly Slot[] _slots = new Slot[Minutes];

        public DateTimeOffset? Last { get; private set; }

        public void Add(DateTimeOffset at, bool success, double latency)
        {
            var minute = at.ToUnixTimeSeconds() / 60;
            lock (_gate)
            {
                ref var slot = ref _slots[(int)(minute % Minutes)];
                if (slot.Minute != minute)
                {
                    if (slot.Minute > minute)
                    {
                        return; // Older than anything the ring still holds.
                    }

                    slot = new Slot { Minute = minute };
                }

                slot.Samples++;
                slot.Failures += success ? 0 : 1;
                slot.LatencySum += latency;
                slot.LatencyMax = Math.Max(slot.LatencyMax, latency);
                if (Last is not { } last || at > last)
                {
                    Last = at;
                }
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
