using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Monitor.Alerting;
using Monitor.Metrics;
using Monitor.Rules.Alerts;
using Monitor.Rules.Definitions;
using Monitor.Rules.Observations;
using Monitor.Storage;

namespace Monitor.Tests.Alerting;

public sealed class AlertEvaluatorStateTests
{
    private static readonly AlertRule Rule = new(
        "checkout-errors", "checkout", new ErrorRatioCondition(TimeSpan.FromMinutes(5), 0.5, MinSamples: 2),
        Severity.Critical, AlertCategory.OrdersBlocked);

    private sealed class MemoryStateStore : IAlertStateStore
    {
        private readonly Dictionary<string, string> _values = [];

        public void Save(string key, string json) => _values[key] = json;

        public string? Load(string key) => _values.GetValueOrDefault(key);
    }

    private sealed class CapturingSink : IAlertSink
    {
        public List<AlertTransition> Transitions { get; } = [];

        public Task HandleAsync(IReadOnlyList<AlertTransition> transitions, CancellationToken cancellationToken)
        {
            Transitions.AddRange(transitions);
            return Task.CompletedTask;
        }
    }

    private static AlertEvaluator Create(FakeTimeProvider time, IAlertStateStore store, CapturingSink sink) =>
        new([Rule], TimeSpan.FromSeconds(1), sink, new MonitorMetrics(Prometheus.Metrics.NewCustomRegistry()), time,
            NullLogger<AlertEvaluator>.Instance, store);

    [Fact]
    public async Task Restart_WhileFiring_KeepsFiringWithoutSecondFiringAndResolvesOnce()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 2, 10, 0, 0, TimeSpan.Zero));
        var store = new MemoryStateStore();
        var before = new CapturingSink();
        var first = Create(time, store, before);
        for (var i = 0; i < 4; i++)
        {
            first.Record(new Observation("checkout", time.GetUtcNow(), false, "status"));
        }

        await first.EvaluateAsync(CancellationToken.None);
        Assert.Equal(TransitionKind.Firing, Assert.Single(before.Transitions).Kind);

        time.Advance(TimeSpan.FromSeconds(10));
        var after = new CapturingSink();
        var second = Create(time, store, after);

        Assert.Equal(AlertState.Firing, second.StateOf(Rule));
        await second.EvaluateAsync(CancellationToken.None);
        Assert.Empty(after.Transitions);

        // The window empties: nothing shows the recovery, so the alert keeps firing.
        time.Advance(TimeSpan.FromMinutes(5));
        await second.EvaluateAsync(CancellationToken.None);
        Assert.Empty(after.Transitions);

        for (var i = 0; i < 4; i++)
        {
            second.Record(new Observation("checkout", time.GetUtcNow(), true));
        }

        await second.EvaluateAsync(CancellationToken.None);
        Assert.Equal(TransitionKind.Resolved, Assert.Single(after.Transitions).Kind);
    }

    [Fact]
    public void Create_UnreadableSavedState_StartsEmpty()
    {
        var store = new MemoryStateStore();
        store.Save(AlertEvaluator.StateKey, "{not json");

        var evaluator = Create(new FakeTimeProvider(), store, new CapturingSink());

        Assert.Equal(AlertState.Inactive, evaluator.StateOf(Rule));
    }
}
