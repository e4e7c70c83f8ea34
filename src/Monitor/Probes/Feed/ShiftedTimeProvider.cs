namespace Monitor.Probes.Feed;

/// <summary>
/// A clock that starts at a chosen instant and then runs at the pace of another, for
/// <c>validate-feed --now</c>: ages are judged against that instant, durations stay real.
/// </summary>
internal sealed class ShiftedTimeProvider(TimeProvider inner, DateTimeOffset start) : TimeProvider
{
    private readonly long _started = inner.GetTimestamp();

    public override DateTimeOffset GetUtcNow() => start.ToUniversalTime() + inner.GetElapsedTime(_started);

    public override long GetTimestamp() => inner.GetTimestamp();

    public override long TimestampFrequency => inner.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;
}
