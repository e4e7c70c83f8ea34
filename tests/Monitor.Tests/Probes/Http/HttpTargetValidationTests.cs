using Monitor.Configuration;
using Monitor.Probes.Http;

namespace Monitor.Tests.Probes.Http;

public sealed class HttpTargetValidationTests
{
    [Fact]
    public void Validate_DefaultTarget_HasNoErrors()
    {
        var errors = Validate(new HttpTargetOptions { Name = "t", Url = "https://orders.example/fulfillment" });

        Assert.Empty(errors);
    }

    [Fact]
    public void Validate_EveryBadOption_IsListedWithItsPath()
    {
        var target = new HttpTargetOptions
        {
            Name = "t",
            Url = "http://user:pw@orders.example/",
            HttpVersion = "3",
            Timeout = "5ms",
            Retries = 11,
            RetryDelay = "2m",
            MaxBodyBytes = 0,
            MaxRedirects = 0,
            Body = "{}",
            ContentType = "not a type",
            Headers = new() { ["X-Key"] = "${vault:key}", ["Bad Name"] = "v" },
            BasicAuth = new HttpBasicAuthOptions { Username = "", Password = "${file:/no/such/secret}" },
            CaFile = "no-such-ca.pem",
            CircuitBreaker = new HttpCircuitBreakerOptions { FailureRatio = 0, MinimumThroughput = 1, SamplingDuration = "100ms", BreakDuration = "x" },
            Expect = new HttpExpectOptions
            {
                MinCertDays = 14,
                BodyRegex = "(",
                Headers = new() { ["Content-Type"] = "[" },
                Json = [new JsonCheckOptions { Path = "a.b" }, new JsonCheckOptions { Path = "$.a", Exists = false, Value = "1" }],
            },
        };

        var paths = Validate(target).Select(e => e.Path.Replace("monitor:targets:http:0:", "", StringComparison.Ordinal)).ToList();

        Assert.Equal(
            [
                "url", "httpVersion", "maxRedirects", "maxBodyBytes", "timeout", "retries", "retryDelay", "contentType",
                "headers:X-Key", "headers:Bad Name", "basicAuth:username", "basicAuth:password", "caFile",
                "circuitBreaker:failureRatio", "circuitBreaker:minimumThroughput", "circuitBreaker:samplingDuration", "circuitBreaker:breakDuration",
                "expect:minCertDays", "expect:headers:Content-Type", "expect:bodyRegex", "expect:json:0:path", "expect:json:1:value",
            ],
            paths);
    }

    [Fact]
    public void Validate_CredentialsInUrl_PointsAtBasicAuth()
    {
        var errors = Validate(new HttpTargetOptions { Name = "t", Url = "https://me:secret@orders.example/" });

        var error = Assert.Single(errors);
        Assert.Contains("basicAuth", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
    }

    private static List<ConfigError> Validate(HttpTargetOptions target)
    {
        var options = new MonitorOptions();
        options.Targets.Http.Add(target);
        return MonitorOptionsValidator.Validate(options, AppContext.BaseDirectory);
    }
}
