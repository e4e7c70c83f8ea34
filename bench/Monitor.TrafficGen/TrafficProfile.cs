namespace Monitor.TrafficGen;

/// <summary>What to generate. Times are UTC; the day's rate curve follows the clock of <see cref="Start"/>.</summary>
internal sealed record TrafficProfile(TrafficStream Stream)
{
    public const int Restaurants = 100;

    /// <summary>Restaurants closed all day (every checkout answers CLOSED): r001 and r002.</summary>
    public const int ClosedRestaurants = 2;

    /// <summary>The failing group of <see cref="TrafficStream.Group"/>: the last tenth, r091 to r100.</summary>
    public const int GroupSize = Restaurants / 10;

    public int Seed { get; init; } = 1;

    /// <summary>Checkouts per second in the daytime; nights run at a twentieth of it. Submit orders run at half the checkout rate.</summary>
    public double Rate { get; init; } = 2;

    public DateTimeOffset Start { get; init; } = new(2026, 11, 28, 0, 0, 0, TimeSpan.Zero);

    public TimeSpan Length { get; init; } = TimeSpan.FromHours(24);

    /// <summary>When the fault starts (ignored for <see cref="TrafficStream.Normal"/>).</summary>
    public DateTimeOffset Onset { get; init; } = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    /// <summary>When true the rate stays at its daytime level all day (for throughput benchmarks).</summary>
    public bool Flat { get; init; }

    /// <summary>Share of ordinary business errors (PRICE_CHANGED, AVAILABILITY_CHANGED, NO_CAPACITY, CLOSED) on open restaurants.</summary>
    public double BusinessErrors { get; init; } = 0.04;

    /// <summary>Share of isolated HTTP 500s.</summary>
    public double IsolatedServerErrors { get; init; } = 0.0005;

    /// <summary>Share of submitted orders declined for payment on a normal day.</summary>
    public double PaymentDeclines { get; init; } = 0.01;

    /// <summary>How many times the daytime rate the rate is at this time of day: 1/20 from 00:00 to 05:00, rising to 1 by 08:00, 1 until 20:00, falling back by 24:00.</summary>
    public static double DayCurve(DateTimeOffset at)
    {
        const double night = 1.0 / 20;
        var hour = at.UtcDateTime.TimeOfDay.TotalHours;
        return hour switch
        {
            < 5 => night,
            < 8 => night + ((1 - night) * (hour - 5) / 3),
            < 20 => 1,
            _ => 1 - ((1 - night) * (hour - 20) / 4),
        };
    }
}
