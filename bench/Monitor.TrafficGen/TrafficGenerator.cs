using System.Globalization;
using System.Text.Unicode;

namespace Monitor.TrafficGen;

/// <summary>
/// Writes generated outcomes as ingest NDJSON (with <c>time</c> on every line), in time order. The same
/// profile and seed always give the same bytes.
/// </summary>
internal sealed class TrafficGenerator(TrafficProfile profile)
{
    private static readonly string[] OrdinaryErrors = ["PRICE_CHANGED", "AVAILABILITY_CHANGED", "NO_CAPACITY", "CLOSED"];
    private static readonly string[] RestaurantIds =
        [.. Enumerable.Range(1, TrafficProfile.Restaurants).Select(i => "r" + i.ToString("000", CultureInfo.InvariantCulture))];

    private readonly Random _random = new(profile.Seed);

    /// <summary>Writes every line; returns how many.</summary>
    public long Write(Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var end = profile.Start + profile.Length;
        var peak = profile.Rate * 1.5; // checkouts plus submit orders at half their rate
        var at = profile.Start;
        long lines = 0;
        Span<byte> line = stackalloc byte[256];
        // Thinning: candidate events at the peak rate, each kept with the day curve's share.
        while (true)
        {
            at += TimeSpan.FromSeconds(-Math.Log(1 - _random.NextDouble()) / peak);
            if (at >= end)
            {
                return lines;
            }

            if (!profile.Flat && _random.NextDouble() >= TrafficProfile.DayCurve(at))
            {
                continue;
            }

            var checkout = _random.NextDouble() < 1 / 1.5;
            var restaurant = _random.Next(TrafficProfile.Restaurants);
            var length = Format(line, at, checkout, restaurant);
            output.Write(line[..length]);
            lines++;
        }
    }

    private int Format(Span<byte> line, DateTimeOffset at, bool checkout, int restaurant)
    {
        var (status, errorType, timeout) = Outcome(at, checkout, restaurant);
        var latency = timeout ? 10_000 : 60 + (int)(_random.NextDouble() * _random.NextDouble() * 900);
        var action = checkout ? "checkout" : "submit_order";
        var time = at.UtcDateTime;
        var id = RestaurantIds[restaurant];
        var inv = CultureInfo.InvariantCulture;
        bool ok;
        int written;
        if (timeout)
        {
            ok = Utf8.TryWrite(line, inv, $"{{\"time\":\"{time:yyyy-MM-ddTHH:mm:ss.fff}Z\",\"action\":\"{action}\",\"restaurantId\":\"{id}\",\"timeout\":true,\"latencyMs\":{latency}}}\n", out written);
        }
        else if (errorType is not null)
        {
            ok = Utf8.TryWrite(line, inv, $"{{\"time\":\"{time:yyyy-MM-ddTHH:mm:ss.fff}Z\",\"action\":\"{action}\",\"restaurantId\":\"{id}\",\"status\":{status},\"errorType\":\"{errorType}\",\"latencyMs\":{latency}}}\n", out written);
        }
        else
        {
            ok = Utf8.TryWrite(line, inv, $"{{\"time\":\"{time:yyyy-MM-ddTHH:mm:ss.fff}Z\",\"action\":\"{action}\",\"restaurantId\":\"{id}\",\"status\":{status},\"latencyMs\":{latency}}}\n", out written);
        }

        return ok ? written : throw new InvalidOperationException("line buffer too small");
    }

    private (int Status, string? ErrorType, bool Timeout) Outcome(DateTimeOffset at, bool checkout, int restaurant)
    {
        var since = at - profile.Onset;
        var faulty = since >= TimeSpan.Zero;
        var draw = _random.NextDouble();
        switch (profile.Stream)
        {
            case TrafficStream.Step when faulty:
                return (500, null, false);
            case TrafficStream.Ramp when faulty && draw < Math.Min(1, since / TimeSpan.FromMinutes(40)):
                return (500, null, false);
            case TrafficStream.Timeouts when faulty && draw < Math.Min(1, since / TimeSpan.FromHours(2)):
                return (0, null, true);
            case TrafficStream.Group when faulty && since < TimeSpan.FromHours(1) && restaurant >= TrafficProfile.Restaurants - TrafficProfile.GroupSize:
                return (500, null, false);
            case TrafficStream.Payment when faulty && since < TimeSpan.FromHours(1) && !checkout
                && draw < 0.6 * Math.Min(1, since / TimeSpan.FromMinutes(10)):
                return (200, "PAYMENT_DECLINED", false);
        }

        // Ordinary traffic; a fresh draw so that a fault's share does not shape it.
        draw = _random.NextDouble();
        if (draw < profile.IsolatedServerErrors)
        {
            return (500, null, false);
        }

        if (checkout && restaurant < TrafficProfile.ClosedRestaurants)
        {
            return (200, "CLOSED", false);
        }

        draw = _random.NextDouble();
        if (draw < profile.BusinessErrors)
        {
            return (200, OrdinaryErrors[(int)(draw / profile.BusinessErrors * OrdinaryErrors.Length) % OrdinaryErrors.Length], false);
        }

        return !checkout && draw < profile.BusinessErrors + profile.PaymentDeclines ? (200, "PAYMENT_DECLINED", false) : (200, null, false);
    }
}
