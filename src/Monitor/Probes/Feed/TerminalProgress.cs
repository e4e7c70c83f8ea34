using System.Globalization;

namespace Monitor.Probes.Feed;

/// <summary>
/// A one-line progress display for large feeds on a terminal. Quiet for the first second, so small
/// feeds and CI logs see nothing of it; redrawn at most four times a second.
/// </summary>
internal sealed class TerminalProgress(TextWriter output, TimeProvider time) : IProgress<long>
{
    private readonly long _started = time.GetTimestamp();
    private long _lastDraw;
    private bool _drawn;

    public void Report(long value)
    {
        var now = time.GetTimestamp();
        var elapsed = time.GetElapsedTime(_started, now);
        if (elapsed < TimeSpan.FromSeconds(1) || (_drawn && time.GetElapsedTime(_lastDraw, now) < TimeSpan.FromMilliseconds(250)))
        {
            return;
        }

        _lastDraw = now;
        _drawn = true;
        output.Write(string.Create(CultureInfo.InvariantCulture,
            $"\rvalidated {value / 1e6,10:F0} MB  {value / 1e6 / elapsed.TotalSeconds,6:F0} MB/s  {elapsed.TotalSeconds,6:F0} s"));
    }

    /// <summary>Clears the line so the summary starts clean.</summary>
    public void Finish()
    {
        if (_drawn)
        {
            output.Write("\r" + new string(' ', 60) + "\r");
        }
    }
}
