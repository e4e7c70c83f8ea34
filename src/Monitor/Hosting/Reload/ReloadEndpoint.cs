using Monitor.Configuration;
using Monitor.Ingest.Http;

namespace Monitor.Hosting.Reload;

/// <summary>
/// <c>POST /-/reload</c> (as Prometheus and Alertmanager name it): reloads the configuration now, with
/// <c>Authorization: Bearer &lt;monitor:api:token&gt;</c>. 200 with what changed; 400 with every problem when the new
/// config is refused (the running one stays); 401 without the token; 403 while no token is set.
/// </summary>
internal static class ReloadEndpoint
{
    public const string Path = "/-/reload";

    public static void Map(WebApplication app)
    {
        var token = new BearerToken(SecretValue.Resolve(app.Services.GetRequiredService<MonitorOptions>().Api.Token));
        app.MapPost(Path, async (HttpRequest request, ConfigReloader reloader, CancellationToken cancellationToken) =>
        {
            if (!token.Enabled)
            {
                return Results.Json(new { error = "reload over HTTP is disabled: set monitor:api:token" }, statusCode: StatusCodes.Status403Forbidden);
            }

            if (!token.IsValid(request.Headers.Authorization.ToString()))
            {
                return Results.Json(new { error = "missing or wrong bearer token" }, statusCode: StatusCodes.Status401Unauthorized);
            }

            var outcome = await reloader.ReloadAsync("POST " + Path, cancellationToken);
            if (!outcome.Success)
            {
                return Results.Json(new
                {
                    status = "refused",
                    errors = outcome.Errors.Select(e => new { path = e.Path, problem = e.Message }),
                }, statusCode: StatusCodes.Status400BadRequest);
            }

            var plan = outcome.Plan!;
            return Results.Json(new
            {
                status = "reloaded",
                changes = plan.Describe(),
                targets = new { added = plan.AddedTargets, removed = plan.RemovedTargets, changed = plan.ChangedTargets },
                rules = new { added = plan.AddedRules, removed = plan.RemovedRules, changed = plan.ChangedRules },
                keptUntilRestart = plan.KeptSections,
            });
        });
    }
}
