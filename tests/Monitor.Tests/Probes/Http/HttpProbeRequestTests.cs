using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Monitor.Probes.Http;

namespace Monitor.Tests.Probes.Http;

/// <summary>What the probe sends: method, body, secret headers, basic auth, redirects, HTTP version.</summary>
public sealed class HttpProbeRequestTests
{
    [Fact]
    public async Task RunAsync_PostWithBodyFile_SendsTheFileAsJson()
    {
        var folder = Directory.CreateTempSubdirectory("probe-body-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "cart.json"), """{"isInSandbox":true}""");
            await using var server = await KestrelTestServer.StartAsync(app => app.MapPost("/checkout", async (HttpRequest request) =>
            {
                using var reader = new StreamReader(request.Body);
                var body = await reader.ReadToEndAsync();
                return request.ContentType == "application/json" && body == """{"isInSandbox":true}""" ? Results.Ok() : Results.BadRequest();
            }));
            using var probe = TestProbes.Create(server.Url("checkout"), t =>
            {
                t.Method = "post";
                t.BodyFile = "cart.json";
            }, folder.FullName);

            var result = await probe.RunAsync(CancellationToken.None);

            Assert.True(result.Success, result.Detail);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task RunAsync_HeadersFromEnvironmentAndFile_AreSentButNeverShown()
    {
        var token = "tok-" + Guid.NewGuid().ToString("N");
        var variable = "MONITOR_TEST_TOKEN_" + Guid.NewGuid().ToString("N")[..8];
        var keyFile = Path.GetTempFileName();
        Environment.SetEnvironmentVariable(variable, token);
        await File.WriteAllTextAsync(keyFile, "file-secret-42\n");
        try
        {
            await using var server = await KestrelTestServer.StartAsync(app => app.MapGet("/", (HttpRequest request) =>
                request.Headers.Authorization == "Bearer " + token && request.Headers["X-Key"] == "file-secret-42"
                    ? Results.StatusCode(418)
                    : Results.BadRequest()));
            using var probe = TestProbes.Create(server.BaseUrl, t => t.Headers = new()
            {
                ["Authorization"] = "${env:" + variable + "}",
                ["X-Key"] = "${file:" + keyFile + "}",
            });
            Environment.SetEnvironmentVariable(variable, "Bearer " + token);

            var result = await probe.RunAsync(CancellationToken.None);

            // 418 proves both headers arrived resolved; the failure's words must not carry them.
            Assert.Equal(418, result.StatusCode);
            Assert.DoesNotContain(token, result.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain("file-secret-42", result.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
            File.Delete(keyFile);
        }
    }

    [Fact]
    public async Task RunAsync_SecretVariableUnset_SendsWithoutTheHeaderAndWarnsOnceByName()
    {
        var variable = "MONITOR_TEST_UNSET_" + Guid.NewGuid().ToString("N")[..8];
        await using var server = await KestrelTestServer.StartAsync(app => app.MapGet("/", (HttpRequest request) =>
            request.Headers.ContainsKey("Authorization") ? Results.Ok() : Results.Unauthorized()));
        var logger = new RecordingLogger<HttpProbe>();
        using var probe = TestProbes.Create(server.BaseUrl, t => t.Headers = new() { ["Authorization"] = "${env:" + variable + "}" }, logger: logger);

        var first = await probe.RunAsync(CancellationToken.None);
        await probe.RunAsync(CancellationToken.None);

        Assert.Equal(401, first.StatusCode);
        var warning = Assert.Single(logger.Lines, l => l.Level == Microsoft.Extensions.Logging.LogLevel.Warning);
        Assert.Contains("headers:Authorization", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_BasicAuth_SendsCredentials()
    {
        await using var server = await KestrelTestServer.StartAsync(app => app.MapGet("/", (HttpRequest request) =>
            request.Headers.Authorization == "Basic " + Convert.ToBase64String("feeds:s3cret"u8.ToArray()) ? Results.Ok() : Results.Unauthorized()));
        using var probe = TestProbes.Create(server.BaseUrl, t => t.BasicAuth = new HttpBasicAuthOptions { Username = "feeds", Password = "s3cret" });

        var result = await probe.RunAsync(CancellationToken.None);

        Assert.True(result.Success, result.Detail);
    }

    [Fact]
    public async Task RunAsync_Redirect_IsAnAnswerUnlessFollowRedirectsIsSet()
    {
        await using var server = await KestrelTestServer.StartAsync(app =>
        {
            app.MapGet("/old", () => Results.Redirect("/new"));
            app.MapGet("/new", () => Results.Text("moved here"));
        });
        using var strict = TestProbes.Create(server.Url("old"));
        using var following = TestProbes.Create(server.Url("old"), t =>
        {
            t.FollowRedirects = true;
            t.Expect.BodyContains = "moved here";
        });

        var notFollowed = await strict.RunAsync(CancellationToken.None);
        var followed = await following.RunAsync(CancellationToken.None);

        Assert.Equal("status", notFollowed.Reason);
        Assert.Equal(302, notFollowed.StatusCode);
        Assert.True(followed.Success, followed.Detail);
    }

    [Fact]
    public async Task RunAsync_Http2Target_TalksHttp2()
    {
        using var certificate = TestCertificates.ValidFor(TimeSpan.FromDays(30), TimeProvider.System.GetUtcNow());
        await using var server = await KestrelTestServer.StartAsync(app => app.MapGet("/", (HttpRequest r) => Results.Text(r.Protocol)), certificate);
        using var probe = TestProbes.Create(server.BaseUrl, t =>
        {
            t.HttpVersion = "2";
            t.InsecureSkipVerify = true;
            t.Expect.BodyContains = "HTTP/2";
        });

        var result = await probe.RunAsync(CancellationToken.None);

        Assert.True(result.Success, result.Detail);
        Assert.StartsWith("HTTP/2", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_Http2TargetOnHttp1OnlyServer_FailsWithProtocol()
    {
        using var certificate = TestCertificates.ValidFor(TimeSpan.FromDays(30), TimeProvider.System.GetUtcNow());
        await using var server = await KestrelTestServer.StartAsync(app => app.MapGet("/", () => "ok"), certificate, HttpProtocols.Http1);
        using var probe = TestProbes.Create(server.BaseUrl, t =>
        {
            t.HttpVersion = "2";
            t.InsecureSkipVerify = true;
        });

        var result = await probe.RunAsync(CancellationToken.None);

        Assert.True("protocol" == result.Reason, result.Detail);
    }
}
