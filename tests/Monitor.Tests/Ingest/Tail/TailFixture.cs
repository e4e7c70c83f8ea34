using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Monitor.Ingest;
using Monitor.Ingest.Parsing;
using Monitor.Ingest.Tail;
using Monitor.Metrics;

namespace Monitor.Tests.Ingest.Tail;

/// <summary>A temp folder with one followed file, <c>orders.ndjson</c>, and tailers that record restaurant ids in order.</summary>
internal sealed class TailFixture : IDisposable
{
    private readonly List<LogTailer> _tailers = [];

    public TailFixture()
    {
        Metrics = new MonitorMetrics(Prometheus.Metrics.NewCustomRegistry());
    }

    public TempFolder Folder { get; } = new();

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));

    public MonitorMetrics Metrics { get; }

    public string LogPath => Folder.PathOf("orders.ndjson");

    public string StateDirectory => Folder.PathOf("state");

    /// <summary>Restaurant ids of every recorded observation, in recording order.</summary>
    public List<string> Recorded { get; } = [];

    public static string Line(string id, int status = 200) =>
        $$"""{"time":"2026-11-28T09:00:00Z","action":"checkout","restaurantId":"{{id}}","status":{{status}}}""" + "\n";

    public static string Lines(string prefix, int from, int count) =>
        string.Concat(Enumerable.Range(from, count).Select(i => Line(prefix + i)));

    public LogTailer Tailer(params string[] patterns)
    {
        var actions = new ActionCatalog([]);
        var parser = new BatchParser(new ObservationParser(actions, new StringPool()));
        var tailer = new LogTailer(
            patterns.Length == 0 ? [LogPath] : patterns, Folder.Path, StateDirectory, parser,
            batch =>
            {
                foreach (var observation in batch)
                {
                    Recorded.Add(observation.RestaurantId!);
                }
            },
            new IngestCounters(Metrics, actions), Time, NullLogger<LogTailer>.Instance);
        _tailers.Add(tailer);
        return tailer;
    }

    public void Append(string text, string? path = null)
    {
        using var stream = new FileStream(path ?? LogPath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        stream.Write(Encoding.UTF8.GetBytes(text));
    }

    public void Dispose()
    {
        foreach (var tailer in _tailers)
        {
            tailer.Dispose();
        }

        Folder.Dispose();
    }
}
