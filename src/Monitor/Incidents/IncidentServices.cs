using Microsoft.Extensions.DependencyInjection.Extensions;
using Monitor.Alerting;
using Monitor.Configuration;
using Monitor.Incidents.Acknowledgement;
using Monitor.Incidents.Calendar;
using Monitor.Incidents.Cases;
using Monitor.Incidents.Maintenance;
using Monitor.Incidents.Digest;
using Monitor.Incidents.Hold;
using Monitor.Incidents.Lifecycle;
using Monitor.Incidents.Messages;
using Monitor.Incidents.Spool;
using Monitor.Notifications.Channels;
using Monitor.Notifications.Email;
using Monitor.Notifications.Outbox;
using Monitor.Storage;
using Channels = Monitor.Notifications.Outbox.Channels;

namespace Monitor.Incidents;

/// <summary>Registers the flow from alert transitions to delivered messages: store, incident manager, outbox worker.</summary>
internal static class IncidentServices
{
    /// <param name="services">The container.</param>
    /// <param name="options">The configuration.</param>
    /// <param name="background">False for command-line tools: no worker and no scheduler run (the daemon delivers what they write).</param>
    public static IServiceCollection AddIncidents(this IServiceCollection services, MonitorOptions options, bool background = true)
    {
        services.AddMonitorStore(options);
        services.AddSingleton<IAlertStateStore, StoreAlertStateStore>();
        services.AddSingleton<IncidentMetrics>();

        // Each service takes its own section; these are the running configuration's own objects, so the parts a
        // reload puts in force (contacts, routes, timers) are seen at once.
        services.AddSingleton(ProjectIdentity.Of(options));
        services.AddSingleton(DataDirectory.Of(options));
        services.AddSingleton(options.Smtp);
        services.AddSingleton(options.Delivery);
        services.AddSingleton(options.Incidents);
        services.AddSingleton(options.Contacts);
        services.AddSingleton(options.Api);
        services.AddSingleton(options.Maintenance);
        services.AddSingleton(options.Cases);
        services.TryAddSingleton(new SecretRedactor(ConfiguredSecrets.Of(options)));
        services.AddSingleton(options.Cases.Webhook);
        services.AddSingleton<IncidentRouter>();
        services.AddSingleton(new MaintenanceCalendar(options.Maintenance));
        services.AddSingleton(new SupportCalendar(options.Calendar));
        services.AddSingleton<IncidentEmailComposer>();
        services.TryAddSingleton<Alerting.FailureSamples>();
        services.AddSingleton<CaseEvidence>();
        services.AddSingleton<AckLinks>();
        services.AddSingleton<OutboxSignal>();

        // The lifecycle's settings, bound once; the thin services around the pure lifecycle.
        services.AddSingleton(new IncidentSettings(options));
        services.AddSingleton<IncidentOutbox>();
        services.AddSingleton<IncidentDetails>();
        services.AddSingleton<ChannelPayloads>();
        services.AddSingleton<IncidentNotices>();
        services.AddSingleton<CaseMessages>();
        services.AddSingleton<DigestService>();
        services.AddSingleton<NotificationHold>();
        services.AddSingleton<IncidentContexts>();
        services.AddSingleton<IncidentApplier>();
        services.AddSingleton<IncidentSteps>();
        services.AddSingleton(sp => new TransitionSpool(Path.Combine(options.DataDirectory, "spool"), TransitionSpool.DefaultCapacity,
            sp.GetRequiredService<Metrics.MonitorMetrics>(), sp.GetRequiredService<ILogger<TransitionSpool>>()));
        services.AddSingleton<PendingTransitions>();
        services.AddSingleton<AlertIntake>();
        services.AddSingleton<IAlertSink>(sp => sp.GetRequiredService<AlertIntake>());
        services.AddSingleton<IncidentTicker>();
        services.AddSingleton<Acknowledger>();
        services.AddSingleton<MaintenanceNotices>();
        services.AddSingleton<MaintenanceService>();
        services.AddSingleton<SilenceService>();

        services.AddSingleton<IMailTransport>(sp => string.IsNullOrWhiteSpace(options.Smtp.Host)
            ? new PickupDirectoryTransport(Path.Combine(options.DataDirectory, "mail"))
            : new SmtpMailTransport(options.Smtp, sp.GetRequiredService<TimeProvider>()));
        services.AddHttpClient(WebhookChannel.ClientName).ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            ConnectTimeout = TimeSpan.FromSeconds(10),
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        });
        services.AddSingleton<EmailChannel>();
        services.AddSingleton<WebhookChannel>();
        services.AddSingleton<BundleChannel>();
        services.AddSingleton<IDeliveryChannel>(sp => sp.GetRequiredService<EmailChannel>());
        services.AddSingleton<IDeliveryChannel>(sp => sp.GetRequiredService<WebhookChannel>());
        services.AddSingleton<IDeliveryChannel>(sp => sp.GetRequiredService<BundleChannel>());

        // Always registered, so a message queued before its channel was unconfigured fails with a clear reason.
        services.AddSingleton(options.Channels);
        services.AddSingleton<ChannelPoster>();
        services.AddSingleton<PagerDutyChannel>();
        services.AddKeyedSingleton(Channels.Slack, (sp, _) => new ChatWebhookChannel(Channels.Slack, "Slack", options.Channels.Slack, sp.GetRequiredService<ChannelPoster>()));
        services.AddKeyedSingleton(Channels.Teams, (sp, _) => new ChatWebhookChannel(Channels.Teams, "Teams", options.Channels.Teams, sp.GetRequiredService<ChannelPoster>()));
        services.AddSingleton<IDeliveryChannel>(sp => sp.GetRequiredService<PagerDutyChannel>());
        services.AddSingleton<IDeliveryChannel>(sp => sp.GetRequiredKeyedService<ChatWebhookChannel>(Channels.Slack));
        services.AddSingleton<IDeliveryChannel>(sp => sp.GetRequiredKeyedService<ChatWebhookChannel>(Channels.Teams));
        services.AddSingleton<DeliveryPipelines>();
        services.AddSingleton<OutboxWorker>();
        if (background)
        {
            services.AddHostedService(sp => sp.GetRequiredService<OutboxWorker>());
            services.AddHostedService<IncidentScheduler>();
        }

        return services;
    }
}
