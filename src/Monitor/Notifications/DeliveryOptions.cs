namespace Monitor.Notifications;

/// <summary>The outbox delivery worker (<c>monitor:delivery</c>).</summary>
internal sealed class DeliveryOptions
{
    /// <summary>How often the outbox is polled when nothing wakes the worker. Default <c>1s</c>.</summary>
    public string PollInterval { get; set; } = "1s";

    /// <summary>Messages of different incidents delivered at the same time (each incident stays in order). Default 16.</summary>
    public int Concurrency { get; set; } = 16;

    /// <summary>Quick retries inside one delivery round (exponential backoff with jitter). Default 3.</summary>
    public int Retries { get; set; } = 3;

    /// <summary>First delay of the quick retries. Default <c>500ms</c>.</summary>
    public string RetryDelay { get; set; } = "500ms";

    /// <summary>After the quick retries, the message waits from this delay, doubled each round with jitter. Default <c>5s</c>.</summary>
    public string BackoffDelay { get; set; } = "5s";

    /// <summary>The longest wait between two rounds. Default <c>5m</c>.</summary>
    public string MaxBackoff { get; set; } = "5m";

    /// <summary>Circuit breaker per channel: failure ratio that opens it. Default 0.5.</summary>
    public double BreakerFailureRatio { get; set; } = 0.5;

    /// <summary>Circuit breaker: fewest attempts in the sampling window before it can open. Default 4.</summary>
    public int BreakerMinimumThroughput { get; set; } = 4;

    /// <summary>Circuit breaker: sampling window. Default <c>30s</c>.</summary>
    public string BreakerSamplingDuration { get; set; } = "30s";

    /// <summary>Circuit breaker: how long it stays open. Default <c>30s</c>.</summary>
    public string BreakerBreakDuration { get; set; } = "30s";
}
