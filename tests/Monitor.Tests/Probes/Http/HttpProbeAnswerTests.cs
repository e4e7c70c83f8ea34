using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Monitor.Probes.Http;

namespace Monitor.Tests.Probes.Http;

/// <summary>Assertions on the answer: headers, body text, JSON paths and the FoodErrorExtension.</summary>
public sealed class HttpProbeAnswerTests
{
    private const string Created = """{"expectedFinalState":"CREATED","cart":{"lineItems":[{"id":"offer-1","price":12.50}]},"isInSandbox":true}""";

    private const string MerchantUnreachable = """
        {"finalResponse":{"richResponse":{"items":[{"structuredResponse":{"error":{
          "@type":"type.googleapis.com/google.actions.v2.orders.FoodErrorExtension",
          "foodOrderErrors":[{"error":"MERCHANT_UNREACHABLE","description":"POS offline"}]}}}]}}}
        """;

    private const string NoCapacity = """
        {"error":{"@type":"type.googleapis.com/google.actions.v2.orders.FoodErrorExtension",
          "foodOrderErrors":[{"error":"NO_CAPACITY"}]}}
        """;

    [Fact]
    public async Task RunAsync_JsonPathsHold_Passes()
    {
        await using var server = await Serve(Created);
        using var probe = TestProbes.Create(server.BaseUrl, t => t.Expect.Json =
        [
            new JsonCheckOptions { Path = "$.expectedFinalState", Value = "CREATED" },
            new JsonCheckOptions { Path = "$.cart.lineItems[0].price", Value = "12.5" },
            new JsonCheckOptions { Path = "$.isInSandbox", Value = "true" },
            new JsonCheckOptions { Path = "$['cart'].lineItems[0].id" },
            new JsonCheckOptions { Path = "$.error", Exists = false },
        ]);

        var result = await probe.RunAsync(CancellationToken.None);

        Assert.True(result.Success, result.Detail);
    }

    [Fact]
    public async Task RunAsync_JsonValueDiffers_FailsWithBodyNamingPathAndValue()
    {
        await using var server = await Serve(Created);
        using var probe = TestProbes.Create(server.BaseUrl, t => t.Expect.Json = [new JsonCheckOptions { Path = "$.expectedFinalState", Value = "REJECTED" }]);

        var result = await probe.RunAsync(CancellationToken.None);

        Assert.Equal("body", result.Reason);
        Assert.Equal("$.expectedFinalState is \"CREATED\", expected REJECTED", result.Detail);
    }

    [Fact]
    public async Task RunAsync_JsonPathMissing_FailsWithBody()
    {
        await using var server = await Serve(Created);
        using var probe = TestProbes.Create(server.BaseUrl, t => t.Expect.Json = [new JsonCheckOptions { Path = "$.cart.lineItems[3].id" }]);

        var result = await probe.RunAsync(CancellationToken.None);

        Assert.Equal("body", result.Reason);
        Assert.Contains("$.cart.lineItems[3].id is missing", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_JsonCheckOnHtmlAnswer_FailsWithBodySayingNotJson()
    {
        await using var server = await KestrelTestServer.StartAsync(app => app.MapGet("/", () => Results.Content("<html>maintenance</html>", "text/html")));
        using var probe = TestProbes.Create(server.BaseUrl, t => t.Expect.Json = [new JsonCheckOptions { Path = "$.state" }]);

        var result = await probe.RunAsync(CancellationToken.None);

        Assert.Equal("body", result.Reason);
        Assert.Contains("not JSON", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_BodyMissingText_FailsWithBody()
    {
        await using var server = await Serve(Created);
        using var probe = TestProbes.Create(server.BaseUrl, t => t.Expect.BodyContains = "CONFIRMED");

        var result = await probe.RunAsync(CancellationToken.None);

        Assert.Equal("body", result.Reason);
        Assert.Equal("body does not contain 'CONFIRMED'", result.Detail);
    }

    [Fact]
    public async Task RunAsync_BodyRegex_PassesWhenMatchedAndFailsWithBodyOtherwise()
    {
        await using var server = await Serve(Created);
        using var matching = TestProbes.Create(server.BaseUrl, t => t.Expect.BodyRegex = "\"expectedFinalState\":\"(CREATED|CONFIRMED)\"");
        using var failing = TestProbes.Create(server.BaseUrl, t => t.Expect.BodyRegex = "^\\[");

        var pass = await matching.RunAsync(CancellationToken.None);
        var fail = await failing.RunAsync(CancellationToken.None);

        Assert.True(pass.Success, pass.Detail);
        Assert.Equal("body", fail.Reason);
    }

    [Fact]
    public async Task RunAsync_HeaderMatch_PassesOnMatchAndFailsWithBodyOnMismatch()
    {
        await using var server = await Serve(Created);
        using var matching = TestProbes.Create(server.BaseUrl, t => t.Expect.Headers = new() { ["content-type"] = "^application/json" });
        using var failing = TestProbes.Create(server.BaseUrl, t => t.Expect.Headers = new() { ["X-Served-By"] = "edge" });

        var pass = await matching.RunAsync(CancellationToken.None);
        var fail = await failing.RunAsync(CancellationToken.None);

        Assert.True(pass.Success, pass.Detail);
        Assert.Equal("body", fail.Reason);
        Assert.Equal("header X-Served-By missing", fail.Detail);
    }

    [Fact]
    public async Task RunAsync_FoodErrorExtensionInCheckoutAnswer_FailsWithBodyAndClassifiesType()
    {
        await using var server = await Serve(MerchantUnreachable);
        using var probe = TestProbes.Create(server.BaseUrl);

        var result = await probe.RunAsync(CancellationToken.None);

        Assert.False(result.Success);
        Assert.Equal("body", result.Reason);
        Assert.Equal("MERCHANT_UNREACHABLE", result.ErrorType);
        Assert.Contains("cannot reach the restaurant", result.Detail, StringComparison.Ordinal);
        Assert.Equal("MERCHANT_UNREACHABLE", result.ToObservation().ErrorType);
    }

    [Fact]
    public async Task RunAsync_AllowedFoodErrorType_PassesAndStillRecordsType()
    {
        await using var server = await Serve(NoCapacity);
        using var probe = TestProbes.Create(server.BaseUrl, t => t.Expect.AllowedFoodErrors = ["NO_CAPACITY"]);

        var result = await probe.RunAsync(CancellationToken.None);

        Assert.True(result.Success, result.Detail);
        Assert.Equal("NO_CAPACITY", result.ErrorType);
        Assert.Contains("allowed FoodErrorExtension NO_CAPACITY", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_FoodErrorTypeNotAllowed_FailsEvenWhenAnotherIsAllowed()
    {
        await using var server = await Serve(MerchantUnreachable);
        using var probe = TestProbes.Create(server.BaseUrl, t => t.Expect.AllowedFoodErrors = ["NO_CAPACITY"]);

        var result = await probe.RunAsync(CancellationToken.None);

        Assert.Equal("body", result.Reason);
        Assert.Equal("MERCHANT_UNREACHABLE", result.ErrorType);
    }

    [Fact]
    public async Task RunAsync_ServerErrorWithFoodErrorExtension_FailsWithStatusAndStillClassifiesType()
    {
        await using var server = await KestrelTestServer.StartAsync(app => app.MapGet("/", () => Results.Content(MerchantUnreachable, "application/json", statusCode: 500)));
        using var probe = TestProbes.Create(server.BaseUrl);

        var result = await probe.RunAsync(CancellationToken.None);

        Assert.Equal("status", result.Reason);
        Assert.Equal("MERCHANT_UNREACHABLE", result.ErrorType);
    }

    private static Task<KestrelTestServer> Serve(string json) =>
        KestrelTestServer.StartAsync(app => app.MapGet("/", () => Results.Content(json, "application/json")));
}
