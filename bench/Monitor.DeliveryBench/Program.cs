using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Hosting;
using Monitor.Alerting;
using Monitor.Configuration;
using Monitor.Demo;
using Monitor.Hosting;
using Monitor.Incidents;
using Monitor.Metrics;
using Monitor.Notifications.Outbox;
using Monitor.Probes.Http;
using Monitor.Rules.Alerts;

namespace Monitor.DeliveryBench;

/// <summary>
/// <c>throughput COUNT</c>: e-mails per second from the outbox to a loopback SMTP server (the real worker, SQLite file, MailKit).
/// <c>latency INTERVAL TRIALS</c>: seconds from a fault starting on a loopback target to the urgent e-mail arriving (the whole daemon).
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var mode = args.ElementAtOrDefault(0) ?? "throughput";
        return mode switch
        {
            "throughput" => await ThroughputAsync(int.Parse(args.ElementAtOrDefault(1) ?? "2000", CultureInfo.InvariantCulture)),
            "latency" => await LatencyAsync(args.ElementAtOrDefault(1) ?? "2s", int.Parse(args.ElementAtOrDefault(2) ?? "3", CultureInfo.InvariantCulture)),
            "smtp" => await SmtpOnlyAsync(int.Parse(args.ElementAtOrDefault(1) ?? "200", CultureInfo.InvariantCulture)),
            _ => Usage(),
        };
    }

    private static int Usage()
    {
        Console.Error.WriteLine("usage: Monitor.Bench throughput [COUNT] | latency [PROBE_INTERVAL] [TRIALS]");
        return 2;
    }

    private static MonitorOptions Options(string data, int smtpPort)
    {
        var options = new MonitorOptions
        {
            Project = "bench",
            DataDirectory = data,
            Web = new WebOptions { Listen = "http://127.0.0.1:0" },
            Smtp = new SmtpOptions { Host = "127.0.0.1", Port = smtpPort, Security = "none", From = "monitor@bench.example", Timeout = "10s" },
            Contacts = new ContactOptions { Emergency = ["oncall@bench.example"], Technical = ["dev@bench.example"] },
        };
        options.Incidents.RepeatInterval = "0s";
        options.Incidents.Escalation.After = "0s";
        options.Delivery.PollInterval = "200ms";
        // STORE=postgres in bench/delivery.sh: the same run against a PostgreSQL database instead of the SQLite file.
        if (Environment.GetEnvironmentVariable("MONITOR_BENCH_POSTGRES") is { Length: > 0 } postgres)
        {
            options.Storage.Provider = StorageOptions.Postgres;
            options.Storage.ConnectionString = postgres;
        }

        return options;
    }

    private static async Task<int> ThroughputAsync(int count)
    {
        var data = Path.Combine(Path.GetTempPath(), "monitor-bench-" + Guid.NewGuid().ToString("N"));
        await using var smtp = new CountingSmtpServer();
        var options = Options(data, smtp.Port);
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(_ => new MonitorMetrics(Prometheus.Metrics.NewCustomRegistry()));
        builder.Services.AddIncidents(options, background: false);
        using var host = builder.Build();
        var manager = host.Services.GetRequiredService<IncidentManager>();
        var worker = host.Services.GetRequiredService<OutboxWorker>();

        // Warm up (JIT, first connection), then write COUNT incidents, each causing one e-mail in its own transaction.
        await manager.HandleAsync([Firing("warmup", TimeProvider.System.GetUtcNow())], default);
        await worker.DeliverDueAsync(default);
        await smtp.WaitForAsync(1, TimeSpan.FromSeconds(10));
        var write = Stopwatch.StartNew();
        var now = TimeProvider.System.GetUtcNow();
        for (var i = 0; i < count; i++)
        {
            await manager.HandleAsync([Firing("target-" + i.ToString(CultureInfo.InvariantCulture), now)], default);
        }

        write.Stop();
        var send = Stopwatch.StartNew();
        while (smtp.Count < count + 1)
        {
            if (await worker.DeliverDueAsync(default) == 0)
            {
                await Task.Delay(10);
            }

            if (send.Elapsed > TimeSpan.FromMinutes(5))
            {
                break;
            }
        }

        send.Stop();
        var delivered = smtp.Count - 1;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"incidents written: {count} in {write.Elapsed.TotalSeconds:0.00} s ({count / write.Elapsed.TotalSeconds:0} per second, each with its outbox message in one transaction)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"emails delivered: {delivered} in {send.Elapsed.TotalSeconds:0.00} s = {delivered / send.Elapsed.TotalSeconds:0} emails/s (loopback SMTP, {Environment.ProcessorCount} cores, concurrency {options.Delivery.Concurrency})"));
        TryDelete(data);
        return delivered == count ? 0 : 1;
    }

    private static async Task<int> SmtpOnlyAsync(int count)
    {
        await using var smtp = new CountingSmtpServer();
        using var transport = new Monitor.Notifications.Email.SmtpMailTransport(Options(".", smtp.Port).Smtp, TimeProvider.System);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var m = new MimeKit.MimeMessage();
            m.From.Add(MimeKit.MailboxAddress.Parse("a@b.example"));
            m.To.Add(MimeKit.MailboxAddress.Parse("c@d.example"));
            m.Subject = "x";
            m.Body = new MimeKit.TextPart("plain") { Text = "hello" };
            await transport.SendAsync(m, default);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"raw smtp: {count / clock.Elapsed.TotalSeconds:0} emails/s"));
        return 0;
    }

    private static AlertTransition Firing(string signal, DateTimeOffset at) => new(
        Fingerprints.For("bench", signal), "bench", signal, TransitionKind.Firing, at, at, Severity.Major, AlertCategory.None,
        new AlertFigures(1, 0.5, 10, 10, 0, TimeSpan.FromMinutes(1), [new KeyValuePair<string, long>("http_500", 10)], []), "error ratio 100% (10/10)");

    private static async Task<int> LatencyAsync(string interval, int trials)
    {
        var data = Path.Combine(Path.GetTempPath(), "monitor-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        await using var smtp = new CountingSmtpServer();
        await using var partner = await SimulatedPartner.StartAsync(TimeProvider.System, TimeSpan.FromDays(1), TimeSpan.Zero);
        partner.ForceFailure = false;
        var options = Options(data, smtp.Port);
        options.Evaluation.Interval = "1s";
        options.Cases.Mode = "auto";
        options.Incidents.ReopenWindow = "1h";
        options.Targets.Http.Add(new HttpTargetOptions
        {
            Name = "checkout",
            Url = new Uri(partner.BaseUrl, "/fulfillment").ToString(),
            Method = "POST",
            Body = "{\"inputs\":[{\"intent\":\"actions.foodordering.intent.CHECKOUT\"}]}",
            Interval = interval,
            Timeout = "2s",
            Expect = new HttpExpectOptions { Status = [200] },
        });
        options.Rules.Add(new RuleOptions
        {
            // Urgent, no `for`, no confirmation delay: the first failed probe fires it.
            Name = "checkout-down", Signal = "checkout", Window = "10s", Threshold = 0.01, MinSamples = 1, MinErrors = 1,
            For = "0s", Severity = "critical", Category = "orders-blocked",
        });
        var errors = MonitorOptionsValidator.Validate(options, data);
        if (errors.Count > 0)
        {
            Console.Error.WriteLine(string.Join(Environment.NewLine, errors));
            return 2;
        }

        var config = new LoadedConfig(options, new ConfigurationBuilder().AddInMemoryCollection(
            new Dictionary<string, string?> { ["logging:logLevel:default"] = "Error" }).Build(), Path.Combine(data, "monitor.yaml"));
        await using var app = MonitorHost.Build(config);
        await app.StartAsync();
        var probeInterval = Duration.Parse(interval);
        await Task.Delay(probeInterval * 2 + TimeSpan.FromSeconds(1));

        var latencies = new List<double>();
        for (var trial = 0; trial < trials; trial++)
        {
            var before = smtp.Count;
            var start = Stopwatch.GetTimestamp();
            partner.ForceFailure = true;
            await smtp.WaitForAsync(before + 1, probeInterval + TimeSpan.FromSeconds(30));
            var firing = smtp.Arrivals.Where(a => a.At > start && (a.Head.Contains("FIRING", StringComparison.Ordinal) || a.Head.Contains("REOPENED", StringComparison.Ordinal)))
                .Select(a => a.At).DefaultIfEmpty(-1).Min();
            if (firing < 0)
            {
                Console.WriteLine($"trial {trial + 1}: no e-mail");
                return 1;
            }

            var seconds = Stopwatch.GetElapsedTime(start, firing).TotalSeconds;
            latencies.Add(seconds);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"trial {trial + 1}: fault to urgent e-mail {seconds:0.00} s"));
            partner.ForceFailure = false;
            // Let the window empty and the incident resolve before the next fault.
            var resolvedBy = smtp.Count;
            await Task.Delay(TimeSpan.FromSeconds(12) + probeInterval);
            _ = resolvedBy;
        }

        await app.StopAsync();
        var worst = latencies.Max();
        var limit = probeInterval.TotalSeconds + 2;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"fault to email: worst {worst:0.00} s, median {latencies.Order().ElementAt(latencies.Count / 2):0.00} s over {latencies.Count} trials (probe interval {probeInterval.TotalSeconds:0.##} s; target <= {limit:0.##} s)"));
        TryDelete(data);
        return worst <= limit ? 0 : 1;
    }

    private static void TryDelete(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
