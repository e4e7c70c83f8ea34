using System.Text.Json;
using System.Text.Json.Serialization;
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

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
    };

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
        app.MapGet("/api/v1/status", async (StatusSnapshotBuilder builder, CancellationToken cancellationToken) =>
            Results.Json(await builder.BuildAsync(cancellationToken), Json));
        app.MapGet("/api/v1/targets", (StatusSnapshotBuilder builder) => Results.Json(builder.Targets(), Json));
        app.MapGet("/api/v1/rules", (AlertEvaluator evaluator) => Results.Json(RuleViews.From(evaluator), Json));
        app.MapGet("/api/v1/rules/{name}", (string name, AlertEvaluator evaluator) =>
            RuleViews.From(evaluator).FirstOrDefault(r => r.Rule == name) is { } rule
                ? Results.Json(rule, Json)
                : Results.Json(new { error = $"no rule named '{name}'" }, Json, statusCode: StatusCodes.Status404NotFound));
        app.MapGet("/api/v1/targets/{name}", (string name, StatusSnapshotBuilder builder) =>
            builder.Targets().FirstOrDefault(t => t.Name == name) is { } target
                ? Results.Json(target, Json)
                : Results.Json(new { error = $"no target named '{name}'" }, Json, statusCode: StatusCodes.Status404NotFound));
    }
}
