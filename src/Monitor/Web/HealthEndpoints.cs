using Monitor.Alerting;
using Monitor.Storage;
using Quartz;

namespace Monitor.Web;

/// <summary><c>/healthz</c>: the process answers. <c>/readyz</c>: config loaded, store answering, scheduler running, rules evaluating.</summary>
internal static partial class HealthEndpoints
{
    /// <summary>How long the readiness check waits for the store.</summary>
    private static readonly TimeSpan StoreLimit = TimeSpan.FromSeconds(2);

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => Results.Text("ok\n"));
        app.MapGet("/readyz", async (IServiceProvider services, ISchedulerFactory factory, AlertEvaluator evaluator, CancellationToken cancellationToken) =>
        {
            var scheduler = await factory.GetScheduler(cancellationToken);
            var problems = new List<string>();
            if (await StoreProblemAsync(services, cancellationToken) is { } store)
            {
                problems.Add(store);
            }

            if (scheduler.Status != SchedulerStatus.Running)
            {
                problems.Add("scheduler not running");
            }

            if (evaluator.LastEvaluation is null)
            {
                problems.Add("rules not evaluated yet");
            }

            return problems.Count == 0
                ? Results.Text("ready\n")
                : Results.Text("not ready: " + string.Join("; ", problems) + "\n", statusCode: StatusCodes.Status503ServiceUnavailable);
        });
    }

    /// <summary>Null when the store answers a read within <see cref="StoreLimit"/>; otherwise why not (its location, never a password).</summary>
    private static async Task<string?> StoreProblemAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        if (services.GetService<IMonitorStore>() is not { } store)
        {
            return null;
        }

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(StoreLimit);
        try
        {
            // The stores read synchronously: on the thread pool, so that the limit holds even while a read hangs.
            await Task.Run(() => store.ReadAsync(_ => true, limit.Token), limit.Token).WaitAsync(limit.Token);
            return null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"store {store.Location} did not answer within {StoreLimit.TotalSeconds:0} s";
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogStoreUnavailable(services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(HealthEndpoints)), store.Location, e.Message);
            return $"store {store.Location} unavailable";
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Readiness: store {Location} unavailable: {Reason}")]
    private static partial void LogStoreUnavailable(ILogger logger, string location, string reason);
}
