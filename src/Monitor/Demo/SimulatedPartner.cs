using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Monitor.Demo;

/// <summary>
/// A partner on loopback for the demo and the tests: a fulfillment endpoint that answers sandbox
/// Checkout requests, a small NDJSON feed, and a health check, over HTTP and over HTTPS with its own
/// certificate. Its checkout fails between <c>failAfter</c> and <c>failAfter + failFor</c> after
/// start (or whenever <see cref="ForceFailure"/> is set).
/// </summary>
internal sealed class SimulatedPartner : IAsyncDisposable
{
    private static readonly CheckoutFailed MerchantUnreachable = new(new CheckoutFinalResponse(new CheckoutRichResponse(
    [
        new CheckoutItem(new CheckoutStructuredResponse(new FoodErrorExtension(
            "type.googleapis.com/google.actions.v2.orders.FoodErrorExtension", [new FoodOrderError("MERCHANT_UNREACHABLE", "POS offline")]))),
    ])));

    private readonly WebApplication _app;
    private readonly X509Certificate2 _certificate;
    private readonly TimeProvider _time;
    private readonly DateTimeOffset _start;
    private readonly TimeSpan _failAfter;
    private readonly TimeSpan _failFor;
    private long _requests;

    private SimulatedPartner(WebApplication app, X509Certificate2 certificate, TimeProvider time, TimeSpan failAfter, TimeSpan failFor)
    {
        _app = app;
        _certificate = certificate;
        _time = time;
        _start = time.GetUtcNow();
        _failAfter = failAfter;
        _failFor = failFor;
    }

    /// <summary>The base URL, for example <c>http://127.0.0.1:41234</c>.</summary>
    public Uri BaseUrl { get; private set; } = new("http://127.0.0.1/");

    /// <summary>The same endpoints over HTTPS, for example <c>https://127.0.0.1:41235</c>.</summary>
    public Uri HttpsBaseUrl { get; private set; } = new("https://127.0.0.1/");

    /// <summary>The partner's self-signed certificate in PEM, for a target's <c>caFile</c>.</summary>
    public string CertificatePem => _certificate.ExportCertificatePem();

    /// <summary>Makes every checkout fail (true), succeed (false), or follow the schedule (null).</summary>
    public bool? ForceFailure { get; set; }

    /// <summary>Checkout requests answered so far.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    public bool Failing => ForceFailure ?? IsInFaultWindow(_time.GetUtcNow() - _start);

    public static async Task<SimulatedPartner> StartAsync(TimeProvider time, TimeSpan failAfter, TimeSpan failFor, CancellationToken cancellationToken = default)
    {
        var certificate = DemoCertificate.Create(time.GetUtcNow());
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(o =>
        {
            o.Listen(IPAddress.Loopback, 0);
            o.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate));
        });
        builder.Services.AddRoutingCore();
        var app = builder.Build();
        var partner = new SimulatedPartner(app, certificate, time, failAfter, failFor);
        app.UseRouting();
        app.MapPost("/fulfillment", partner.CheckoutAsync);
        app.MapGet("/healthz", () => Results.Text("ok"));

        // GET and HEAD, as a web server or a bucket answers: the feed probe reads Last-Modified from a HEAD first.
        app.MapMethods("/feeds/restaurants.ndjson", [HttpMethods.Get, HttpMethods.Head], (HttpResponse response) =>
        {
            // Published an hour ago: the Last-Modified header is what marks a new feed.
            response.Headers.LastModified = partner._start.AddHours(-1).ToString("R", System.Globalization.CultureInfo.InvariantCulture);
            return Results.Text(DemoFeed.Build(time.GetUtcNow()), "application/x-ndjson");
        });
        await app.StartAsync(cancellationToken);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        partner.BaseUrl = new Uri(addresses.First(a => a.StartsWith("http:", StringComparison.Ordinal)));
        partner.HttpsBaseUrl = new Uri(addresses.First(a => a.StartsWith("https:", StringComparison.Ordinal)));
        return partner;
    }

    private bool IsInFaultWindow(TimeSpan elapsed) => elapsed >= _failAfter && elapsed < _failAfter + _failFor;

    private async Task<IResult> CheckoutAsync(HttpRequest request)
    {
        var number = Interlocked.Increment(ref _requests);
        using var body = await JsonDocument.ParseAsync(request.Body);
        var cartId = body.RootElement.TryGetProperty("inputs", out _) ? "sandbox-cart" : "cart";
        if (!Failing)
        {
            return Results.Json(new CheckoutCreated("CREATED", cartId, IsInSandbox: true), PartnerJson.Web.CheckoutCreated);
        }

        // Alternate the two ways a checkout fails: a server error, and a business error inside a 200.
        return number % 2 == 0
            ? Results.Text("upstream unavailable", statusCode: StatusCodes.Status500InternalServerError)
            : Results.Json(MerchantUnreachable, PartnerJson.Web.CheckoutFailed);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _certificate.Dispose();
    }
}
