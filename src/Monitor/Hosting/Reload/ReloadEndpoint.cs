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
        // Declared Task<IResult>: the request delegate generator does not see ReloadJson's generated members, so it could not infer it.
        app.MapPost(Path, async Task<IResult> (HttpRequest request, ConfigReloader reloader, CancellationToken cancellationToken) =>
        {
            if (!token.Enabled)
            {
                return Results.Json(new ReloadDenied("reload over HTTP is disabled: set monitor:api:token"), ReloadJson.Web.ReloadDenied, statusCode: StatusCodes.Status403Forbidden);
            }

            if (!token.IsValid(request.Headers.Authorization.ToString()))
            {
                return Results.Json(new ReloadDenied("missing or wrong bearer token"), ReloadJson.Web.ReloadDenied, statusCode: StatusCodes.Status401Unauthorized);
            }

            var outcome = await reloader.ReloadAsync("POST " + Path, cancellationToken);
            if (!outcome.Success)
            {
                var problems = outcome.Errors.Select(e => new ReloadProblem(e.Path, e.Message)).ToList();
                return Results.Json(new ReloadRefused("refused", problems), ReloadJson.Web.ReloadRefused, statusCode: StatusCodes.Status400BadRequest);
            }

            var plan = outcome.Plan!;
            return Results.Json(
                new ReloadApplied(
                    "reloaded",
                    plan.Describe(),
                    new ReloadNames(plan.AddedTargets, plan.RemovedTargets, plan.ChangedTargets),
                    new ReloadNames(plan.AddedRules, plan.RemovedRules, plan.ChangedRules),
                    plan.KeptSections),
                ReloadJson.Web.ReloadApplied);
        });
    }
}
