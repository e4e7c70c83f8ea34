using Monitor.Alerting;
using Monitor.Configuration;
using Monitor.Ingest.Http;
using Monitor.Ingest.Parsing;
using Monitor.Ingest.Tail;

namespace Monitor.Ingest;

/// <summary>Wires real-traffic ingest into the daemon: <see cref="AddIngest"/> and <see cref="MapIngest"/>.</summary>
internal static class IngestExtensions
{
    public static IServiceCollection AddIngest(this IServiceCollection services, LoadedConfig config)
    {
        var options = config.Options.Ingest;
        services.AddSingleton(options);
        services.AddSingleton(_ => new ActionCatalog(options.CustomActions));
        services.AddSingleton<StringPool>();
        services.AddSingleton<ObservationParser>();
        services.AddSingleton<BatchParser>();
        services.AddSingleton<IngestCounters>();
        services.AddSingleton(_ => new IngestQueue(options.QueueCapacity));
        services.AddSingleton<ObservationEndpoint>();
        services.AddHostedService<IngestPump>();
        if (options.Tail.Files.Count > 0)
        {
            var stateDirectory = string.IsNullOrWhiteSpace(options.Tail.StateDirectory)
                ? Path.Combine(config.Options.DataDirectory, "ingest")
                : options.Tail.StateDirectory;
            services.AddSingleton(sp => new LogTailer(
                options.Tail.Files, Directory.GetCurrentDirectory(), stateDirectory, sp.GetRequiredService<BatchParser>(),
                sp.GetRequiredService<AlertEvaluator>().RecordBatch, sp.GetRequiredService<IngestCounters>(), sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<LogTailer>>()));
            services.AddHostedService<TailService>();
        }

        return services;
    }

    public static IEndpointRouteBuilder MapIngest(this IEndpointRouteBuilder app)
    {
        var endpoint = app.ServiceProvider.GetRequiredService<ObservationEndpoint>();
        app.MapPost(ObservationEndpoint.Route, endpoint.HandleAsync);
        return app;
    }
}
