using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Alerting;
using Monitor.Configuration;
using Monitor.Demo;
using Monitor.Hosting;
using Monitor.Metrics;
using Quartz;

namespace Monitor.Tests.Web;

/// <summary>
/// The real daemon on a loopback port, watching a <see cref="SimulatedPartner"/> on another. Probes run
/// only when a test asks (<see cref="ProbeAsync"/>): the schedule is a cron far in the future, so series
/// and values are exactly what the test caused.
/// </summary>
internal sealed class RunningMonitor : IAsyncDisposable
{
    public const string Target = "checkout";
    public const string Rule = "checkout-errors";
    public const string Feed = "inventory";
    public const string IngestToken = "ingest-token-0123456789";
    public const string ApiToken = "api-token-0123456789abcdef";

    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);

    private readonly string _folder;
    private readonly JobCompletions _completions;

    private RunningMonitor(string folder, SimulatedPartner partner, WebApplication app, Uri baseUrl, JobCompletions completions)
    {
        _folder = folder;
        Partner = partner;
        App = app;
        BaseUrl = baseUrl;
        _completions = completions;
        Http = new HttpClient { BaseAddress = baseUrl, Timeout = Bound };
    }

    public SimulatedPartner Partner { get; }

    public WebApplication App { get; }

    /// <summary>The daemon's address, for example <c>http://127.0.0.1:40123/</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>A client whose base address is the daemon.</summary>
    public HttpClient Http { get; }

    public MonitorMetrics Metrics => App.Services.GetRequiredService<MonitorMetrics>();

    public AlertEvaluator Evaluator => App.Services.GetRequiredService<AlertEvaluator>();

    /// <summary>
    /// Starts a partner and a daemon with one checkout target and one critical orders-blocked rule
    /// (window 10m, ratio 0.5, 2 samples, 1 error); with <paramref name="withFeed"/>, also a feed target
    /// reading the partner's feed.
    /// </summary>
    /// <param name="configure">Service overrides, applied after the daemon's own registrations.</param>
    /// <param name="withFeed">Adds the feed target.</param>
    /// <param name="extraRules">More entries under <c>rules:</c>, each line indented four spaces (<c>    - name: ...</c>).</param>
    public static async Task<RunningMonitor> StartAsync(Action<IServiceCollection>? configure = null, bool withFeed = false, string extraRules = "")
    {
        var folder = Path.Combine(Path.GetTempPath(), "monitor-web-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var partner = await SimulatedPartner.StartAsync(TimeProvider.System, TimeSpan.FromDays(1), TimeSpan.FromSeconds(1));
        partner.ForceFailure = false;
        var configPath = Path.Combine(folder, "monitor.yaml");
        await File.WriteAllTextAsync(configPath, string.Create(CultureInfo.InvariantCulture, $$"""
            monitor:
              project: "test <project> & co"
              dataDirectory: "{{Path.Combine(folder, "data")}}"
              web:
                listen: "http://127.0.0.1:0"
              contacts:
                emergency: [oncall@test.example]
              evaluation:
                interval: 1h
              ingest:
                token: "{{IngestToken}}"
              api:
                token: "{{ApiToken}}"
              targets:
                http:
                  - name: {{Target}}
                    url: "{{new Uri(partner.BaseUrl, "/fulfillment?key=secret-token")}}"
                    method: POST
                    body: '{"inputs":[{"intent":"actions.foodordering.intent.CHECKOUT"}]}'
                    cron: "0 0 0 1 1 ? 2099"
                    timeout: 5s
            {{(withFeed ? FeedYaml(partner) : "")}}
              rules:
                - name: {{Rule}}
                  signal: {{Target}}
                  window: 10m
                  threshold: 0.5
                  minSamples: 2
                  minErrors: 1
                  severity: critical
                  category: orders-blocked
            {{extraRules}}
            """));
        var app = MonitorHost.Build(ConfigLoader.Load(configPath), configure);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var completions = new JobCompletions();
        var scheduler = await app.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        scheduler.ListenerManager.AddJobListener(completions);
        return new RunningMonitor(folder, partner, app, new Uri(address + "/"), completions);
    }

    /// <summary>Runs the checkout probe once through Quartz, against a partner that fails or not, and waits until the job (probe, rules, notifications) is done.</summary>
    public Task ProbeAsync(bool fail)
    {
        Partner.ForceFailure = fail;
        return RunJobAsync(Target);
    }

    /// <summary>Runs one target's probe job once through Quartz and waits until it is done.</summary>
    public async Task RunJobAsync(string target)
    {
        var done = _completions.Next(target);
        var scheduler = await App.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        await scheduler.TriggerJob(new JobKey(target, global::Monitor.Probes.ProbeScheduler.Group));
        await done.WaitAsync(Bound);
    }

    /// <summary>Probes until the rule fires: one success, then failures.</summary>
    public async Task MakeAlertFireAsync()
    {
        await ProbeAsync(fail: false);
        await ProbeAsync(fail: true);
        await ProbeAsync(fail: true);
    }

    private static string FeedYaml(SimulatedPartner partner) =>
        $"    feeds:\n      - name: {Feed}\n        source: \"{new Uri(partner.BaseUrl, "/feeds/restaurants.ndjson")}\"\n        cron: \"0 0 0 1 1 ? 2099\"";

    /// <summary>Posts NDJSON outcome lines to the ingest endpoint with the token, and waits until the rules have every accepted one.</summary>
    public async Task<HttpResponseMessage> IngestAsync(params string[] lines)
    {
        var before = Observations();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("api/v1/observations", UriKind.Relative))
        {
            Content = new StringContent(string.Join('\n', lines), System.Text.Encoding.UTF8, "application/x-ndjson"),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", IngestToken);
        var response = await Http.SendAsync(request);
        using var answer = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var accepted = answer.RootElement.TryGetProperty("accepted", out var a) ? a.GetInt64() : 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (Observations() < before + accepted && clock.Elapsed < Bound)
        {
            await Task.Delay(20);
        }

        return response;
    }

    /// <summary>Waits, polling every 20 ms for at most 15 s, until a condition holds; throws if it never does.</summary>
    public async Task WaitForAsync(Func<bool> condition)
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

    private double Observations() =>
        Metrics.Observations.GetAllLabelValues().Sum(labels => Metrics.Observations.WithLabels(labels).Value);

    public Task<string> ScrapeAsync() => Http.GetStringAsync(new Uri("metrics", UriKind.Relative));

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        await Partner.DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A mail file still being written; the temp folder is cleaned by the OS.
        }
    }

    /// <summary>Completes a waiter when the next run of a job ends.</summary>
    private sealed class JobCompletions : IJobListener
    {
        private readonly Lock _gate = new();
        private readonly List<(string Job, TaskCompletionSource Done)> _waiters = [];

        public string Name => "test-completions";

        public Task Next(string job)
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_gate)
            {
                _waiters.Add((job, done));
            }

            return done.Task;
        }

        public ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public ValueTask JobExecutionVetoed(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default)
        {
            List<TaskCompletionSource> finished;
            lock (_gate)
            {
                finished = [.. _waiters.Where(w => w.Job == context.JobDetail.Key.Name).Select(w => w.Done)];
                _waiters.RemoveAll(w => w.Job == context.JobDetail.Key.Name);
            }

            foreach (var done in finished)
            {
                if (jobException is null)
                {
                    done.TrySetResult();
                }
                else
                {
                    done.TrySetException(jobException);
                }
            }

            return ValueTask.CompletedTask;
        }
    }
}
