using Monitor.Web.Api;
using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Monitor.Configuration;
using Monitor.Incidents;
using Monitor.Incidents.Acknowledgement;
using Monitor.Incidents.Maintenance;
using Monitor.Metrics;
using Monitor.Notifications.Email;
using Monitor.Notifications.Outbox;
using Monitor.Rules.Alerts;
using Monitor.Storage;
using MimeKit;

namespace Monitor.Tests.Incidents;

/// <summary>The incident flow in a host of its own: store, manager, outbox worker, on a data directory that outlives the host when asked.</summary>
internal sealed class IncidentHarness : IAsyncDisposable
{
    private readonly IHost _host;

    private IncidentHarness(IHost host, MonitorOptions options)
    {
        _host = host;
        Options = options;
    }

    public MonitorOptions Options { get; }

    public IServiceProvider Services => _host.Services;

    public AlertIntake Intake => Services.GetRequiredService<AlertIntake>();

    public IncidentTicker Ticker => Services.GetRequiredService<IncidentTicker>();

    public Acknowledger Acks => Services.GetRequiredService<Acknowledger>();

    public MaintenanceService Maintenance => Services.GetRequiredService<MaintenanceService>();

    public SilenceService Silences => Services.GetRequiredService<SilenceService>();

    public OutboxWorker Worker => Services.GetRequiredService<OutboxWorker>();

    public IMonitorStore Store => Services.GetRequiredService<IMonitorStore>();

    public IIncidentQueries Incidents => Services.GetRequiredService<IIncidentQueries>();

    public static string NewDataDirectory() => Path.Combine(Path.GetTempPath(), "monitor-tests", Guid.NewGuid().ToString("N"));

    public static MonitorOptions Options_(string dataDirectory, Action<MonitorOptions>? configure = null)
    {
        var options = new MonitorOptions
        {
            Project = "acme",
            DataDirectory = dataDirectory,
            Web = new WebOptions { Listen = "http://127.0.0.1:9464", PublicUrl = "https://monitor.acme.example" },
            Smtp = new SmtpOptions { Host = "", Security = "none", From = "monitor@acme.example", Timeout = "5s" },
            Contacts = new ContactOptions { Emergency = ["oncall@acme.example"], Technical = ["dev@acme.example"] },
        };
        options.Delivery.Retries = 0;
        options.Incidents.TickInterval = "1s";
        options.Incidents.Escalation.Contacts = ["boss@acme.example"];
        configure?.Invoke(options);
        var errors = MonitorOptionsValidator.Validate(options, ".");
        Assert.True(errors.Count == 0, string.Join("; ", errors));
        return options;
    }

    /// <summary>Builds a host. <paramref name="transport"/> replaces the mail transport; <paramref name="logs"/> captures log lines.</summary>
    public static IncidentHarness Create(MonitorOptions options, TimeProvider time, IMailTransport? transport = null, ConcurrentQueue<string>? logs = null, bool background = false)
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        if (logs is not null)
        {
            builder.Logging.AddProvider(new ListLoggerProvider(logs));
        }

        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(time);
        builder.Services.AddSingleton(_ => new MonitorMetrics(Prometheus.Metrics.NewCustomRegistry()));
        builder.Services.AddIncidents(options, background);
        builder.Services.AddIncidentQueries();
        if (transport is not null)
        {
            builder.Services.AddSingleton(transport);
        }

        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        return new IncidentHarness(builder.Build(), options);
    }

    public Task StartAsync() => _host.StartAsync();

    /// <summary>Stops the host without waiting for the outbox to drain, then disposes it (an abrupt stop).</summary>
    public async Task KillAsync()
    {
        using var now = new CancellationTokenSource();
        await now.CancelAsync();
        try
        {
            await _host.StopAsync(now.Token);
        }
        catch (OperationCanceledException)
        {
        }

        _host.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _host.StopAsync();
        }
        catch (OperationCanceledException)
        {
        }

        _host.Dispose();
    }

    public static AlertTransition Transition(
        TransitionKind kind, DateTimeOffset at, string rule = "checkout-errors", string signal = "checkout",
        Severity severity = Severity.Critical, AlertCategory category = AlertCategory.OrdersBlocked, DateTimeOffset? since = null)
    {
        var figures = new AlertFigures(0.75, 0.5, 40, 30, 3, TimeSpan.FromMinutes(5),
            [new KeyValuePair<string, long>("MERCHANT_UNREACHABLE", 20), new KeyValuePair<string, long>("http_500", 10)],
            ["restaurant-1", "restaurant-2", "restaurant-3"]);
        return new AlertTransition(Fingerprints.For(rule, signal), rule, signal, kind, at, since ?? at, severity, category, figures,
            "error ratio 75.0% (30/40) over 5m, threshold 50.0%");
    }
}

/// <summary>Keeps every message it is given; can be made to fail.</summary>
internal sealed class CapturingTransport : IMailTransport
{
    private readonly ConcurrentQueue<MimeMessage> _messages = new();

    public string Name => "capture";

    public bool Failing { get; set; }

    public IReadOnlyList<MimeMessage> Messages => [.. _messages];

    public Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        if (Failing)
        {
            throw new IOException("transport down");
        }

        _messages.Enqueue(message);
        return Task.CompletedTask;
    }
}

internal sealed class ListLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new ListLogger(lines, categoryName);

    public void Dispose()
    {
    }

    private sealed class ListLogger(ConcurrentQueue<string> lines, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
    }
}
