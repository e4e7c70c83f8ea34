namespace Monitor.Probes.Http;

/// <summary>Where an attempt is; a timeout names the phase it stalled in.</summary>
internal enum AttemptPhase
{
    Starting,
    Resolving,
    Connecting,
    WaitingForAnswer,
    ReadingBody,
}

/// <summary>
/// How far one attempt got and how long name resolution and connecting took. It travels in the request's options
/// so that the handler's connect callback can report into it.
/// </summary>
internal sealed class AttemptProgress(TimeProvider time, int maxConnections)
{
    public static readonly HttpRequestOptionsKey<AttemptProgress> Key = new("monitor.probe.progress");

    private long _phaseStarted = time.GetTimestamp();
    private int _connections;

    public AttemptPhase Phase { get; private set; }

    public TimeSpan? DnsTime { get; private set; }

    public TimeSpan? ConnectTime { get; private set; }

    public long BodyBytes { get; set; }

    /// <summary>True when the handler tried to open more connections than the attempt may use.</summary>
    public bool RefusedHiddenRetry { get; private set; }

    /// <summary>
    /// Counts a new connection. The handler quietly re-sends a request on a fresh connection (up to three times)
    /// when one closes before any answer; a probe must see that drop, so only one connection per request is allowed
    /// (plus one per followed redirect, which needs a connection of its own).
    /// </summary>
    public bool TryOpenConnection()
    {
        if (Interlocked.Increment(ref _connections) <= maxConnections)
        {
            return true;
        }

        RefusedHiddenRetry = true;
        return false;
    }

    public void Enter(AttemptPhase next)
    {
        var now = time.GetTimestamp();
        var spent = time.GetElapsedTime(_phaseStarted, now);
        if (Phase == AttemptPhase.Resolving)
        {
            DnsTime = spent;
        }
        else if (Phase == AttemptPhase.Connecting)
        {
            ConnectTime = spent;
        }

        Phase = next;
        _phaseStarted = now;
    }

    public string Describe() => Phase switch
    {
        AttemptPhase.Starting or AttemptPhase.Resolving => "stalled resolving the name",
        AttemptPhase.Connecting => "stalled connecting",
        AttemptPhase.WaitingForAnswer => "connected, but no answer headers",
        _ => BodyBytes == 0 ? "headers but no body bytes" : $"stalled after {BodyBytes} body bytes",
    };
}
