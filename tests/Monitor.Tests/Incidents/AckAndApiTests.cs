using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Monitor.Configuration;
using Monitor.Hosting;
using Monitor.Incidents;
using Monitor.Incidents.Acknowledgement;
using Monitor.Rules.Alerts;
using static Monitor.Tests.Incidents.IncidentHarness;

namespace Monitor.Tests.Incidents;

public sealed class AckAndApiTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 10, 10, 0, 0, TimeSpan.Zero);

    private static string AckToken(string? body)
    {
        body ??= "";
        var at = body.IndexOf("/ack?t=", StringComparison.Ordinal);
        Assert.True(at >= 0, "the e-mail has an acknowledgement link");
        var end = body.IndexOfAny([' ', '\r', '\n'], at);
        return body[(at + 7)..end];
    }

    [Fact]
    public async Task AckLink_FromTheEmail_WorksOnce_AndForgedExpiredOrReplayedLinksAreRefused()
    {
        var time = new FakeTimeProvider(Start);
        var mail = new CapturingTransport();
        await using var h = Create(Options_(NewDataDirectory(), o => o.Api.AckLinkValidity = "1h"), time, mail);
        await h.Intake.HandleAsync([Transition(TransitionKind.Firing, time.GetUtcNow(), signal: "a")], default);
        await h.Intake.HandleAsync([Transition(TransitionKind.Firing, time.GetUtcNow(), signal: "b")], default);
        await h.Worker.DeliverDueAsync(default);
        var tokenA = AckToken(mail.Messages.Single(m => m.Subject!.EndsWith(" on a", StringComparison.Ordinal)).TextBody);
        var tokenB = AckToken(mail.Messages.Single(m => m.Subject!.EndsWith(" on b", StringComparison.Ordinal)).TextBody);

        // Forged: a signature from another key, a changed incident id, garbage.
        var forged = AckLinks.CreateToken(Encoding.UTF8.GetBytes("not-the-key-not-the-key"), 1, Start.AddHours(1));
        Assert.Equal(AckOutcome.LinkForged, (await h.Acks.AcknowledgeLinkAsync(forged, "mallory")).Outcome);
        var tampered = Convert.ToBase64String(Encoding.UTF8.GetBytes($"v1|2|{Start.AddHours(1).ToUnixTimeSeconds()}|x")).TrimEnd('=') + tokenA[tokenA.IndexOf('.', StringComparison.Ordinal)..];
        Assert.Equal(AckOutcome.LinkForged, (await h.Acks.AcknowledgeLinkAsync(tampered, "mallory")).Outcome);
        Assert.Equal(AckOutcome.LinkMalformed, (await h.Acks.AcknowledgeLinkAsync("garbage", "mallory")).Outcome);

        // Valid once, refused when replayed.
        var first = await h.Acks.AcknowledgeLinkAsync(tokenA, "alice");
        Assert.Equal(AckOutcome.Acknowledged, first.Outcome);
        Assert.Equal(AckOutcome.LinkUsed, (await h.Acks.AcknowledgeLinkAsync(tokenA, "alice")).Outcome);

        // Expired.
        time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(AckOutcome.LinkExpired, (await h.Acks.AcknowledgeLinkAsync(tokenB, "bob")).Outcome);

        var incidents = await h.Incidents.ListAsync();
        Assert.True(incidents.Single(i => i.Target == "a").Acknowledged);
        Assert.False(incidents.Single(i => i.Target == "b").Acknowledged);
        Assert.Equal("alice", incidents.Single(i => i.Target == "a").AcknowledgedBy);
    }

    [Fact]
    public async Task Api_ReadsAreOpen_WritesNeedTheBearerToken_AndTheLinkAcknowledgesOverHttp()
    {
        const string token = "api-token-0123456789abcdef";
        var data = NewDataDirectory();
        var options = Options_(data, o =>
        {
            o.Web.Listen = "http://127.0.0.1:0";
            o.Web.PublicUrl = null;
            o.Api.Token = token;
            o.Incidents.TickInterval = "1h";
        });
        var config = new LoadedConfig(options, new ConfigurationBuilder().AddInMemoryCollection().Build(), Path.Combine(data, "monitor.yaml"));
        var mail = new CapturingTransport();
        await using var app = MonitorHost.Build(config, s => s.AddSingleton<Monitor.Notifications.Email.IMailTransport>(mail));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var http = new HttpClient { BaseAddress = new Uri(address) };
        var manager = app.Services.GetRequiredService<AlertIntake>();
        await manager.HandleAsync([Transition(TransitionKind.Firing, TimeProvider.System.GetUtcNow())], default);

        var list = await http.GetFromJsonAsync<JsonElement>("/api/v1/incidents?status=open");
        Assert.Equal("INC-1", list[0].GetProperty("id").GetString());
        var one = await http.GetFromJsonAsync<JsonElement>("/api/v1/incidents/INC-1");
        Assert.Equal("opened", one.GetProperty("timeline")[0].GetProperty("kind").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/api/v1/incidents/INC-99")).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await http.PostAsJsonAsync("/api/v1/incidents/INC-1/ack", new { by = "x" })).StatusCode);
        using (var wrong = new HttpRequestMessage(HttpMethod.Post, "/api/v1/maintenance") { Content = JsonContent.Create(new { @for = "1h" }) })
        {
            wrong.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token + "x");
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(wrong)).StatusCode);
        }

        // As curl -d sends it: JSON under application/x-www-form-urlencoded.
        using (var start = new HttpRequestMessage(HttpMethod.Post, "/api/v1/maintenance")
        {
            Content = new StringContent("{\"for\":\"1h\",\"reason\":\"deploy\"}", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"),
        })
        {
            start.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            Assert.Equal(HttpStatusCode.Created, (await http.SendAsync(start)).StatusCode);
        }

        Assert.True((await http.GetFromJsonAsync<JsonElement>("/api/v1/maintenance")).GetProperty("active").GetBoolean());
        using (var silence = new HttpRequestMessage(HttpMethod.Post, "/api/v1/silences") { Content = JsonContent.Create(new { target = "inventory", @for = "2h" }) })
        {
            silence.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            Assert.Equal(HttpStatusCode.Created, (await http.SendAsync(silence)).StatusCode);
        }

        Assert.Equal(1, (await http.GetFromJsonAsync<JsonElement>("/api/v1/silences")).GetArrayLength());

        // The signed link: GET shows a page and changes nothing; POST acknowledges; a second POST is refused.
        await app.Services.GetRequiredService<Monitor.Notifications.Outbox.OutboxWorker>().DeliverDueAsync(default);
        var link = AckToken(mail.Messages[0].TextBody);
        var page = await http.GetAsync("/ack?t=" + link);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<form method=\"post\"", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False((await http.GetFromJsonAsync<JsonElement>("/api/v1/incidents/1")).GetProperty("incident").GetProperty("acknowledged").GetBoolean());
        var form = new FormUrlEncodedContent([new("t", link), new("by", "carol")]);
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsync("/ack", form)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await http.PostAsync("/ack", new FormUrlEncodedContent([new("t", link)]))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync("/ack?t=" + link[..^3] + "abc")).StatusCode);
        var after = await http.GetFromJsonAsync<JsonElement>("/api/v1/incidents/1");
        Assert.Equal("carol", after.GetProperty("incident").GetProperty("acknowledgedBy").GetString());

        using (var ack = new HttpRequestMessage(HttpMethod.Post, "/api/v1/incidents/INC-1/ack") { Content = JsonContent.Create(new { by = "dave" }) })
        {
            ack.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var response = await http.SendAsync(ack);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("alreadyacknowledged", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcome").GetString());
        }

        await app.StopAsync();
    }

    [Fact]
    public async Task Api_WithoutAConfiguredToken_RefusesEveryWrite()
    {
        var data = NewDataDirectory();
        var options = Options_(data, o => o.Web.Listen = "http://127.0.0.1:0");
        var config = new LoadedConfig(options, new ConfigurationBuilder().AddInMemoryCollection().Build(), Path.Combine(data, "monitor.yaml"));
        await using var app = MonitorHost.Build(config);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var http = new HttpClient { BaseAddress = new Uri(address) };
        using var request = new HttpRequestMessage(HttpMethod.Delete, "/api/v1/maintenance");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "anything");
        Assert.Equal(HttpStatusCode.Forbidden, (await http.SendAsync(request)).StatusCode);
        await app.StopAsync();
    }
}
