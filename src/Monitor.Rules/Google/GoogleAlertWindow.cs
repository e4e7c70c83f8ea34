namespace Monitor.Rules.Google;

/// <summary>
/// The last 30 minutes of one Google alert, in one-minute buckets, and the minute each restaurant last
/// had a counted error. Memory is bounded by the restaurants seen in the window.
/// </summary>
internal sealed class GoogleAlertWindow(GoogleAlert alert)
{
    private const int Minutes = GoogleFulfillmentAlerts.WindowMinutes;
    private readonly long[] _stamps = Enumerable.Repeat(long.MinValue, Minutes + 1).ToArray();
    private readonly long[] _samples = new long[Minutes + 1];
    private readonly long[] _errors = new long[Minutes + 1];
    private readonly Dictionary<string, long> _lastError = new(StringComparer.Ordinal);

    public GoogleAlert Alert { get; } = alert;

    public bool Firing { get; set; }

    public void Record(long minute, bool success, string? errorType, string? restaurant)
    {
        var slot = (int)(((minute % _stamps.Length) + _stamps.Length) % _stamps.Length);
        if (_stamps[slot] != minute)
        {
            if (_stamps[slot] > minute)
            {
                return;
            }

            (_stamps[slot], _samples[slot], _errors[slot]) = (minute, 0, 0);
        }

        _samples[slot]++;
        if (success || !Alert.Counts(errorType))
        {
            return;
        }

        _errors[slot]++;
        if (restaurant is not null && (!_lastError.TryGetValue(restaurant, out var last) || last < minute))
        {
            _lastError[restaurant] = minute;
        }
    }

    /// <summary>Samples, errors and distinct failing restaurants in the minutes [end - 30, end).</summary>
    public (long Samples, long Errors, int Restaurants) Sum(long endMinute)
    {
        long samples = 0, errors = 0;
        for (var i = 0; i < _stamps.Length; i++)
        {
            if (_stamps[i] >= endMinute - Minutes && _stamps[i] < endMinute)
            {
                samples += _samples[i];
                errors += _errors[i];
            }
        }

        var restaurants = 0;
        foreach (var (restaurant, minute) in _lastError)
        {
            if (minute < endMinute - Minutes)
            {
                // Removing the current entry while enumerating is allowed and keeps the map to the window.
                _lastError.Remove(restaurant);
            }
            else if (minute < endMinute)
            {
                restaurants++;
            }
        }

        return (samples, errors, restaurants);
    }
}
