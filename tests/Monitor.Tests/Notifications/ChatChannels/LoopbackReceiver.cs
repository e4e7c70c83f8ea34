using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Monitor.Tests.Notifications.ChatChannels;

/// <summary>
/// A chat or paging service on loopback: keeps every JSON body it accepts, and answers the scripted
/// statuses first (with <c>Retry-After</c> on a 429 when asked).
/// </summary>
internal sealed class LoopbackReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<int> _script = new();

    private LoopbackReceiver(WebApplication app) => _app = app;

    public string Url { get; private set; } = "";

    /// <summary>Bodies answered 2xx, in order.</summary>
    public ConcurrentQueue<JsonObject> Accepted { get; } = new();

    /// <summary>When each request arrived (accepted or not), on the stopwatch.</summary>
    public ConcurrentQueue<TimeSpan> Arrivals { get; } = new();

    /// <summary>Answered to every request once the script is used up; 202 unless set.</summary>
    public int Otherwise { get; set; } = 202;

    /// <summary>Seconds sent in <c>Retry-After</c> with a 429; none when null.</summary>
    public int? RetryAfterSeconds { get; set; }

    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public int Requests => Arrivals.Count;

    public void Answer(params int[] statuses)
    {
        foreach (var s in statuses)
        {
            _script.Enqueue(s);
        }
    }

    public static async Task<LoopbackReceiver> StartAsync()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().UseUrls("http://127.0.0.1:0");
        builder.Services.AddRoutingCore();
        var app = builder.Build();
        var receiver = new LoopbackReceiver(app);
        app.UseRouting();
        app.MapPost("/hook", async (HttpRequest request, HttpResponse response) =>
        {
            receiver.Arrivals.Enqueue(receiver._clock.Elapsed);
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync();
            var status = receiver._script.TryDequeue(out var s) ? s : receiver.Otherwise;
            if (status == 429 && receiver.RetryAfterSeconds is { } seconds)
            {
                response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            if (status is >= 200 and < 300)
            {
                Assert.StartsWith("application/json", request.ContentType, StringComparison.Ordinal);
                receiver.Accepted.Enqueue(JsonNode.Parse(body)!.AsObject());
            }

            return Results.StatusCode(status);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = address + "/hook";
        return receiver;
    }

    /// <summary>Polls until <paramref name="count"/> bodies were accepted or the timeout passed.</summary>
    public async Task WaitForAsync(int count, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (Accepted.Count < count && clock.Elapsed < timeout)
        {
            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
