namespace Monitor.TrafficGen;

/// <summary>The shapes of traffic the generator makes: a normal day, or a normal day with one fault.</summary>
internal enum TrafficStream
{
    /// <summary>24 hours: ordinary business errors, closed restaurants, quiet nights, rare isolated 500s.</summary>
    Normal,

    /// <summary>Every request answers HTTP 500 from the onset.</summary>
    Step,

    /// <summary>The share of HTTP 500s grows from 0 to 100% over 40 minutes from the onset.</summary>
    Ramp,

    /// <summary>The share of timeouts grows from 0 to 100% over 2 hours from the onset.</summary>
    Timeouts,

    /// <summary>The payment processor declines a growing share of submitted orders (to 60% in 10 minutes) for an hour.</summary>
    Payment,

    /// <summary>A tenth of the restaurants (one group) answer HTTP 500 for an hour.</summary>
    Group,
}
