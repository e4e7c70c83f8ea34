using Monitor.Web.Api;
using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Monitor.Alerting;
using Monitor.Configuration;
using Monitor.Demo;
using Monitor.Hosting;
using Monitor.Hosting.Reload;
using Monitor.Incidents;
using Monitor.Probes;
using Monitor.Tests.Incidents;
using Monitor.Tests.TestSupport;
using Quartz;

namespace Monitor.Tests.Hosting.Reload;

/// <summary>
/// A running daemon whose config file a test rewrites and reloads. Its targets point at a <see cref="SimulatedPartner"/>
/// and run only when the test asks (a cron far in the future), so the windows hold exactly what the test caused.
/// </summary>
internal sealed class ReloadHarness : IAsyncDisposable
{
    public const string ApiToken = "reload-api-token-0123456789";
    public const string NoRun = "0 0 0 1 1 ? 2099";

    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);

    private readonly TempDirectory _folder;

    private ReloadHarness(TempDirectory folder, SimulatedPartner partner, WebApplication app, Uri baseUrl, ConcurrentQueue<string> logs, string configPath)
    {
        _folder = folder;
        Partner = partner;
        App = app;
        Logs = logs;
        ConfigPath = configPath;
        Http = new HttpClient { BaseAddress = baseUrl, Timeout = Bound };
    }

    public SimulatedPartner Partner { get; }

    public WebApplication App { get; }

    public HttpClient Http { get; }

    public ConcurrentQueue<string> Logs { get; }

    public string ConfigPath { get; }

    public ConfigReloader Reloader => App.Services.GetRequiredService<ConfigReloader>();

    public AlertEvaluator Evaluator => App.Services.GetRequiredService<AlertEvaluator>();

    public ProbeCatalog Catalog => App.Services.GetRequiredService<ProbeCatalog>();

    public IIncidentQueries Incidents => App.Services.GetRequiredService<IIncidentQueries>();

    /// <summary>Starts a daemon with these targets (made against the partner) and rules (YAML list items).</summary>
    public static async Task<ReloadHarness> StartAsync(Func<TargetLines, string> targets, string rules, string extra = "")
    {
        var folder = new TempDirectory();
        var partner = await SimulatedPartner.StartAsync(TimeProvider.System, TimeSpan.FromDays(1), TimeSpan.FromSeconds(1));
        partner.ForceFailure = false;
        var logs = new ConcurrentQueue<string>();
        var path = Path.Combine(folder.Path, "monitor.yaml");
        await File.WriteAllTextAsync(path, Config(folder.Path, targets(new TargetLines(partner.BaseUrl)), rules, extra));
        var app = MonitorHost.Build(ConfigLoader.Load(path), s => s.AddSingleton<ILoggerProvider>(new ListLoggerProvider(logs)));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ReloadHarness(folder, partner, app, new Uri(address + "/"), logs, path);
    }

    /// <summary>One HTTP target on the partner's checkout, run only on demand.</summary>
    public string Target(string name, string extra = "") => new TargetLines(Partner.BaseUrl).Target(name, extra);

    /// <summary>A critical orders-blocked error-ratio rule on a signal.</summary>
    public static string Rule(string name, string signal, double threshold = 0.5) => string.Create(CultureInfo.InvariantCulture,
        $"    - {{ name: {name}, signal: {signal}, window: 10m, threshold: {threshold}, minSamples: 2, minErrors: 1, severity: critical, category: orders-blocked }}\n");

    /// <summary>Rewrites the config file with these targets and rules; the listen address and the rest stay.</summary>
    public Task WriteConfigAsync(string targets, string rules, string extra = "") =>
        File.WriteAllTextAsync(ConfigPath, Config(_folder.Path, targets, rules, extra));

    /// <summary>Runs one target's probe job once through Quartz and waits until it has been run (probe, rules, incidents).</summary>
    public async Task RunJobAsync(string target, bool fail)
    {
        Partner.ForceFailure = fail;
        var scheduler = await App.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var runs = Runs(target);
        await scheduler.TriggerJob(new JobKey(target, ProbeScheduler.Group));
        await WaitForAsync(() => Runs(target) > runs);
        // The job evaluates after recording; the next evaluation waits for that one to finish.
        await Evaluator.EvaluateAsync(CancellationToken.None);
    }

    public async Task<bool> JobExistsAsync(string target)
    {
        var scheduler = await App.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        return await scheduler.GetJobDetail(new JobKey(target, ProbeScheduler.Group)) is not null;
    }

    public Task<string> ScrapeAsync() => Http.GetStringAsync(new Uri("metrics", UriKind.Relative));

    /// <summary>Polls every 20 ms for at most 15 s until a condition holds; throws if it never does.</summary>
    public static async Task WaitForAsync(Func<bool> condition)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > Bound)
            {
                throw new TimeoutException("condition not met within " + Bound);
            }

            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        await Partner.DisposeAsync();
        _folder.Dispose();
    }

    /// <summary>The probe runs of a target counted so far, whatever their result.</summary>
    public double Runs(string target)
    {
        var runs = App.Services.GetRequiredService<Monitor.Metrics.MonitorMetrics>().ProbeRuns;
        return runs.GetAllLabelValues().Where(l => l[0] == target).Sum(l => runs.WithLabels(l).Value);
    }

    private static string Config(string folder, string targets, string rules, string extra) => $"""
        monitor:
          project: reload
          dataDirectory: "{Path.Combine(folder, "data")}"
          web:
            listen: "http://127.0.0.1:0"
          contacts:
            emergency: [oncall@reload.example]
          evaluation:
            interval: 1h
          api:
            token: "{ApiToken}"
        {extra}
          targets:
            http:
        {targets}
          rules:
        {rules}
        """;
}

/// <summary>Writes HTTP target entries that probe a partner's checkout, run only on demand.</summary>
internal sealed class TargetLines(Uri partner)
{
    public string Target(string name, string extra = "") => string.Create(CultureInfo.InvariantCulture,
        $"      - {{ name: {name}, url: \"{new Uri(partner, "/fulfillment")}\", method: POST, body: '{{\"inputs\":[]}}', cron: \"{ReloadHarness.NoRun}\", timeout: 5s{extra} }}\n");
}
