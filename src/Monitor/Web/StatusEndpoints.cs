using Microsoft.Extensions.DependencyInjection.Extensions;
using Monitor.Alerting;

namespace Monitor.Web;

/// <summary>
/// The status page at <c>/</c> and the read API under <c>/api/v1/</c>. Read endpoints are open on
/// the listen address (loopback by default); they show names, states and figures, never URLs or secrets.
/// </summary>
internal static class StatusEndpoints
{
    /// <summary>No script, no external asset: the page breaks loudly if either ever creeps in.</summary>
    private const string PagePolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    public static void AddStatus(IServiceCollection services)
    {
        services.TryAddSingleton<IStatusSource, EmptyStatusSource>();
        services.TryAddSingleton<StatusSnapshotBuilder>();
    }

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/", async (HttpContext context, StatusSnapshotBuilder builder, CancellationToken cancellationToken) =>
        {
            var snapshot = await builder.BuildAsync(cancellationToken);
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = PagePolicy;
            headers.CacheControl = "no-store";
            headers.XContentTypeOptions = "nosniff";
            return Results.Content(StatusPageRenderer.Render(snapshot), "text/html; charset=utf-8");
        });
        // Handlers that answer JSON declare their return type: the request delegate generator does not see the members
        // the JSON source generator adds to the context, so it could not infer it.
        app.MapGet("/api/v1/status", async Task<IResult> (StatusSnapshotBuilder builder, CancellationToken cancellationToken) =>
            Results.Json(await builder.BuildAsync(cancellationToken), StatusJson.Default.StatusSnapshot));
        app.MapGet("/api/v1/targets", IResult (StatusSnapshotBuilder builder) => Results.Json(builder.Targets(), StatusJson.Default.IReadOnlyListTargetView));
        app.MapGet("/api/v1/rules", IResult (AlertEvaluator evaluator) => Results.Json(RuleViews.From(evaluator), StatusJson.Default.IReadOnlyListRuleView));
        app.MapGet("/api/v1/rules/{name}", IResult (string name, AlertEvaluator evaluator) =>
            RuleViews.From(evaluator).FirstOrDefault(r => r.Rule == name) is { } rule
                ? Results.Json(rule, StatusJson.Default.RuleView)
                : Results.Json(new ErrorBody($"no rule named '{name}'"), StatusJson.Default.ErrorBody, statusCode: StatusCodes.Status404NotFound));
        app.MapGet("/api/v1/targets/{name}", IResult (string name, StatusSnapshotBuilder builder) =>
            builder.Targets().FirstOrDefault(t => t.Name == name) is { } target
                ? Results.Json(target, StatusJson.Default.TargetView)
                : Results.Json(new ErrorBody($"no target named '{name}'"), StatusJson.Default.ErrorBody, statusCode: StatusCodes.Status404NotFound));
    }
}
