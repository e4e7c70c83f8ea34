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

    /// <summary>Starts a partner and a daemon with one checkout target and one critical orders-blocked rule (window 10m, ratio 0.5, 2 samples, 1 error).</summary>
    public static async Task<RunningMonitor> StartAsync(Action<IServiceCollection>? configure = null)
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
              targets:
                http:
                  - name: {{Target}}
                    url: "{{new Uri(partner.BaseUrl, "/fulfillment?key=secret-token")}}"
                    method: POST
                    body: '{"inputs":[{"intent":"actions.foodordering.intent.CHECKOUT"}]}'
                    cron: "0 0 0 1 1 ? 2099"
                    timeout: 5s
              rules:
                - name: {{Rule}}
                  signal: {{Target}}
                  window: 10m
                  threshold: 0.5
                  minSamples: 2
                  minErrors: 1
                  severity: critical
                  category: orders-blocked
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
    public async Task ProbeAsync(bool fail)
    {
        Partner.ForceFailure = fail;
        var done = _completions.Next(Target);
        var scheduler = await App.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        await scheduler.TriggerJob(new JobKey(Target, global::Monitor.Probes.ProbeScheduler.Group));
        await done.WaitAsync(Bound);
    }

    /// <summary>Probes until the rule fires: one success, then failures.</summary>
    public async Task MakeAlertFireAsync()
    {
        await ProbeAsync(fail: false);
        await ProbeAsync(fail: true);
        await ProbeAsync(fail: true);
    }

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
