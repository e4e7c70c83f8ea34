using Microsoft.Extensions.Logging;

namespace Monitor.Probes.Feed;

/// <summary>Feed probe log events. Sources are shown without credentials or query strings.</summary>
internal static partial class FeedLog
{
    [LoggerMessage(EventId = 4101, Level = LogLevel.Information,
        Message = "Feed {Target}: {Entities} entities, {Invalid} invalid, {Bytes} bytes in {Seconds:F1}s")]
    public static partial void Validated(ILogger logger, string target, long entities, long invalid, long bytes, double seconds);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Warning, Message = "Feed {Target} fails ({Reason}): {Detail}")]
    public static partial void Failing(ILogger logger, string target, string reason, string detail);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Warning, Message = "Feed {Target} unavailable ({Reason}): {Detail}")]
    public static partial void Unavailable(ILogger logger, string target, string reason, string detail);

    [LoggerMessage(EventId = 4105, Level = LogLevel.Warning, Message = "Feed {Target}: {Note}")]
    public static partial void RunNote(ILogger logger, string target, string note);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Warning, Message = "Feed {Target} timed out after {Timeout}")]
    public static partial void TimedOut(ILogger logger, string target, TimeSpan timeout);
}
