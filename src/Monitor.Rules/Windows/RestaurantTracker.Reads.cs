namespace Monitor.Rules.Windows;

internal sealed partial class RestaurantTracker
{
    /// <summary>Distinct restaurants last seen at or after <paramref name="first"/>.</summary>
    public int Count(long first, long now)
    {
        if (_sketch is { } sketch && _overflowSeen >= now - _horizon)
        {
            var empty = 0;
            foreach (var seen in sketch)
            {
                if (seen < first)
                {
                    empty++;
                }
            }

            return empty == 0
                ? (int)(SketchSlots * Math.Log(SketchSlots))
                : (int)Math.Round(-SketchSlots * Math.Log((double)empty / SketchSlots));
        }

        var count = 0;
        foreach (var seen in _seen.AsSpan(0, _used))
        {
            if (seen >= first)
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>A few restaurant ids among those newly seen at or after <paramref name="first"/>, most recent first.</summary>
    public IReadOnlyList<string> Sample(long first, int max)
    {
        var names = new List<string>(max);
        for (var k = 1; k <= SampleSize && names.Count < max; k++)
        {
            var i = (_sampleNext - k + SampleSize) % SampleSize;
            if (_sampleNames[i] is { } name && _sampleSeen[i] >= first && !names.Contains(name, StringComparer.Ordinal))
            {
                names.Add(name);
            }
        }

        return names;
    }
}
