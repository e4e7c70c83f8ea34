using Monitor.Rules.Observations;

namespace Monitor.Rules.Google;

/// <summary>
/// Google's three published fulfillment alerts (checkout errors, submit-order errors without
/// <c>PAYMENT_DECLINED</c>, payment declined) computed on the outcomes a partner records: each fires
/// when, at a whole minute, the 30 minutes before it hold more than half errors, at least 25 errors and
/// at least 5 distinct restaurants with errors. Feed it observations in time order (an observation up to
/// a minute late still counts), calling <see cref="Advance"/> before each. Not thread-safe.
/// </summary>
public sealed class GoogleFulfillmentAlerts
{
    /// <summary>The window length in minutes.</summary>
    public const int WindowMinutes = 30;

    /// <summary>The share of errors the window must exceed (strictly).</summary>
    public const double Share = 0.5;

    /// <summary>Fewest counted errors in the window.</summary>
    public const long MinErrors = 25;

    /// <summary>Fewest distinct restaurants among the counted errors.</summary>
    public const int MinRestaurants = 5;

    private readonly GoogleAlertWindow[] _windows;
    private readonly DateTimeOffset?[] _firstFired;
    private long _nextMinute = long.MinValue;
    private long _lastDataMinute = long.MinValue;

    /// <summary>Creates the evaluator for <paramref name="alerts"/> (default: <see cref="GoogleAlert.All"/>).</summary>
    public GoogleFulfillmentAlerts(IReadOnlyList<GoogleAlert>? alerts = null)
    {
        _windows = [.. (alerts ?? GoogleAlert.All).Select(a => new GoogleAlertWindow(a))];
        _firstFired = new DateTimeOffset?[_windows.Length];
    }

    /// <summary>The alerts, in the order given.</summary>
    public IReadOnlyList<GoogleAlert> Alerts => [.. _windows.Select(w => w.Alert)];

    /// <summary>When an alert first fired; null while it never has.</summary>
    public DateTimeOffset? FirstFired(GoogleAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var index = Array.FindIndex(_windows, w => ReferenceEquals(w.Alert, alert) || w.Alert == alert);
        return index < 0 ? null : _firstFired[index];
    }

    /// <summary>Records one observation; signals other than the alerts' actions are ignored.</summary>
    public void Record(in Observation observation)
    {
        var minute = Minute(observation.Timestamp);
        if (_nextMinute == long.MinValue)
        {
            _nextMinute = minute + 1;
        }

        _lastDataMinute = Math.Max(_lastDataMinute, minute);

        foreach (var window in _windows)
        {
            if (string.Equals(window.Alert.Signal, observation.Signal, StringComparison.Ordinal))
            {
                window.Record(minute, observation.Success, observation.ErrorType, observation.RestaurantId);
            }
        }
    }

    /// <summary>
    /// Evaluates every whole minute up to <paramref name="now"/> not evaluated yet (the first one is the
    /// minute after the first observation) and adds the changes to <paramref name="changes"/>, in time order.
    /// </summary>
    public void Advance(DateTimeOffset now, ICollection<GoogleAlertChange> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (_nextMinute == long.MinValue)
        {
            return;
        }

        var last = Minute(now);
        for (; _nextMinute <= last; _nextMinute++)
        {
            // Once the window has passed the last observation every minute is empty and nothing fires:
            // a long gap is skipped in one step.
            if (_nextMinute > _lastDataMinute + WindowMinutes && !Array.Exists(_windows, w => w.Firing))
            {
                _nextMinute = last + 1;
                break;
            }

            EvaluateMinute(_nextMinute, changes);
        }
    }

    private void EvaluateMinute(long minute, ICollection<GoogleAlertChange> changes)
    {
        var at = new DateTimeOffset(minute * TimeSpan.TicksPerMinute, TimeSpan.Zero);
        for (var i = 0; i < _windows.Length; i++)
        {
            var window = _windows[i];
            var (samples, errors, restaurants) = window.Sum(minute);
            var fires = samples > 0 && errors > Share * samples && errors >= MinErrors && restaurants >= MinRestaurants;
            if (fires == window.Firing)
            {
                continue;
            }

            window.Firing = fires;
            _firstFired[i] ??= fires ? at : null;
            changes.Add(new GoogleAlertChange(window.Alert, at, fires, samples, errors, restaurants));
        }
    }

    private static long Minute(DateTimeOffset at) => at.UtcTicks / TimeSpan.TicksPerMinute;
}
