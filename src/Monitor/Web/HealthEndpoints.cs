using Monitor.Alerting;
using Quartz;

namespace Monitor.Web;

/// <summary><c>/healthz</c>: the process answers. <c>/readyz</c>: config loaded, scheduler running, rules evaluating.</summary>
internal static class HealthEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => Results.Text("ok\n"));
        app.MapGet("/readyz", async (ISchedulerFactory factory, AlertEvaluator evaluator, CancellationToken cancellationToken) =>
        {
            var scheduler = await factory.GetScheduler(cancellationToken);
            var problems = new List<string>();
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
}
