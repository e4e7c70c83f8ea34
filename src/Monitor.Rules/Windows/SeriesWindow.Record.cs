using System.Numerics;
using Monitor.Rules.Observations;

namespace Monitor.Rules.Windows;

/// <summary>Recording: allocation-free once a series has seen its error types.</summary>
internal sealed partial class SeriesWindow
{
    public void Record(in Observation observation)
    {
        var at = observation.Timestamp;
        var ticks = at.UtcTicks;
        if (LastObservation is not { } lastSeen || ticks > lastSeen.UtcTicks)
        {
            LastObservation = at;
            FirstSeen ??= at;
        }

        ulong counted = 0;
        var typeChannel = 0;
        if (observation.Success)
        {
            if (LastSuccess is not { } lastSuccess || ticks > lastSuccess.UtcTicks)
            {
                LastSuccess = at;
            }
        }
        else
        {
            var id = TypeId(observation.ErrorType ?? observation.Reason ?? UnknownType);
            typeChannel = _typeBase + id;
            counted = observation.ErrorType is null ? _countingInfrastructure[id] : _countingBusiness[id];
        }

        var latencyChannel = _latencyBase >= 0 && observation.Latency > TimeSpan.Zero
            ? _latencyBase + LatencyBuckets.IndexOf(observation.Latency)
            : -1;
        if (_firstRing is not null)
        {
            var slot = FirstSlot(ticks);
            if (slot >= 0)
            {
                // The block starts with the bucket indexes: channel c of the slot is at (c + 1) * count + slot.
                var data = _firstData;
                var count = _firstCount;
                data[count + slot]++;
                if (!observation.Success)
                {
                    data[((typeChannel + 1) * count) + slot]++;
                    for (var bits = counted; bits != 0; bits &= bits - 1)
                    {
                        data[((2 + BitOperations.TrailingZeroCount(bits)) * count) + slot]++;
                    }
                }

                if (latencyChannel >= 0)
                {
                    data[((latencyChannel + 1) * count) + slot]++;
                }
            }

            for (var r = 1; r < _rings.Length; r++)
            {
                Count(_rings[r], ticks, !observation.Success, counted, typeChannel, latencyChannel);
            }
        }

        if (counted != 0 && observation.RestaurantId is { } restaurant)
        {
            var hash = StableHash.Of(restaurant);
            var when = ticks / _resolutionTicks;
            if ((counted & 1) != 0)
            {
                (_allTracker ??= Tracker(0)).Add(restaurant, hash, when);
            }

            for (var bits = counted & ~1UL; bits != 0; bits &= bits - 1)
            {
                Tracker(BitOperations.TrailingZeroCount(bits)).Add(restaurant, hash, when);
            }
        }
    }

    private RestaurantTracker Tracker(int filter) => _trackers[filter] ??= new RestaurantTracker(_horizonUnits);

    /// <summary>The first ring's slot for <paramref name="ticks"/>, through the cached current bucket.</summary>
    private int FirstSlot(long ticks)
    {
        if (ticks >= _hotStart && ticks < _hotEnd)
        {
            return _hotSlot;
        }

        var slot = _firstRing!.Acquire(ticks);
        if (slot >= 0)
        {
            var index = ticks / _firstRing.WidthTicks;
            (_hotStart, _hotEnd, _hotSlot) = (index * _firstRing.WidthTicks, (index + 1) * _firstRing.WidthTicks, slot);
        }

        return slot;
    }

    private static void Count(BucketRing ring, long ticks, bool failed, ulong counted, int typeChannel, int latencyChannel)
    {
        var slot = ring.Acquire(ticks);
        if (slot < 0)
        {
            return;
        }

        ring.Increment(slot, 0);
        if (failed)
        {
            ring.Increment(slot, typeChannel);
            for (var bits = counted; bits != 0; bits &= bits - 1)
            {
                ring.Increment(slot, 1 + BitOperations.TrailingZeroCount(bits));
            }
        }

        if (latencyChannel >= 0)
        {
            ring.Increment(slot, latencyChannel);
        }
    }

    /// <summary>Adds counts at once (a feed run's valid and invalid entities); no restaurants, no latencies.</summary>
    public void RecordCounts(DateTimeOffset at, long successes, long failures, string? errorType, bool business)
    {
        var ticks = at.UtcTicks;
        if (LastObservation is not { } lastSeen || ticks > lastSeen.UtcTicks)
        {
            LastObservation = at;
            FirstSeen ??= at;
        }

        if (successes > 0 && (LastSuccess is not { } lastSuccess || ticks > lastSuccess.UtcTicks))
        {
            LastSuccess = at;
        }

        var id = failures > 0 ? TypeId(errorType ?? UnknownType) : 0;
        var counted = failures == 0 ? 0 : business ? _countingBusiness[id] : _countingInfrastructure[id];
        for (var r = 0; r < _rings.Length; r++)
        {
            var ring = _rings[r];
            var slot = r == 0 ? FirstSlot(ticks) : ring.Acquire(ticks);
            if (slot < 0)
            {
                continue;
            }

            ring.Add(slot, 0, successes + failures);
            if (failures > 0)
            {
                ring.Add(slot, _typeBase + id, failures);
                for (var bits = counted; bits != 0; bits &= bits - 1)
                {
                    ring.Add(slot, 1 + BitOperations.TrailingZeroCount(bits), failures);
                }
            }
        }
    }

    public void RecordGauge(DateTimeOffset at, double value)
    {
        FirstSeen ??= at;
        Gauge.Record(at, value);
    }
}
