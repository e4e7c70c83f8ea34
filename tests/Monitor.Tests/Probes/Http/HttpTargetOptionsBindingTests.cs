using System.Text.Json;
using Monitor.Configuration;
using Monitor.Probes.Http;

namespace Monitor.Tests.Probes.Http;

/// <summary>The http target options as a partner writes them in YAML, and the shipped sandbox Checkout body.</summary>
public sealed class HttpTargetOptionsBindingTests
{
    private const string Yaml = """
        monitor:
          contacts:
            technical: [dev@acme.example]
          targets:
            http:
              - name: checkout
                url: "https://orders.acme.example/fulfillment"
                method: POST
                bodyFile: checkout-sandbox.json
                headers:
                  Authorization: "${env:MONITOR_SANDBOX_TOKEN}"
                basicAuth:
                  username: monitor
                  password: "${env:MONITOR_PROBE_PASSWORD}"
                timeout: 3s
                httpVersion: "2"
                followRedirects: true
                maxRedirects: 3
                insecureSkipVerify: true
                caFile: private-ca.pem
                maxBodyBytes: 65536
                retries: 2
                retryDelay: 250ms
                circuitBreaker:
                  enabled: false
                  failureRatio: 0.5
                  minimumThroughput: 4
                  samplingDuration: 2m
                  breakDuration: 30s
                expect:
                  status: [200, 202]
                  maxLatency: 2s
                  minCertDays: 14
                  headers:
                    Content-Type: "^application/json"
                  bodyContains: cart
                  bodyRegex: "CREATED|CONFIRMED"
                  json:
                    - path: "$.finalResponse.richResponse.items[0].structuredResponse.checkoutResponse"
                    - path: "$.error"
                      exists: false
                    - path: "$.cart.merchant.id"
                      value: restaurant-1
                  allowedFoodErrors: [NO_CAPACITY]
        """;

    [Fact]
    public void Load_EveryHttpOption_BindsWithoutErrors()
    {
        var folder = Directory.CreateTempSubdirectory("probe-config-");
        try
        {
            File.Copy(Path.Combine(AppContext.BaseDirectory, "config", "checkout-sandbox.json"), Path.Combine(folder.FullName, "checkout-sandbox.json"));
            using (var ca = TestCertificates.PrivateCa(TimeProvider.System.GetUtcNow()))
            {
                File.WriteAllText(Path.Combine(folder.FullName, "private-ca.pem"), ca.ExportCertificatePem());
            }

            var file = Path.Combine(folder.FullName, "monitor.yaml");
            File.WriteAllText(file, Yaml);
            // The secrets the config refers to are set, as a deployment would set them; their values stay unread here.
            Environment.SetEnvironmentVariable("MONITOR_SANDBOX_TOKEN", "sandbox-token-for-tests");
            Environment.SetEnvironmentVariable("MONITOR_PROBE_PASSWORD", "probe-password-for-tests");

            var target = Assert.Single(ConfigLoader.Load(file).Options.Targets.Http);

            Assert.Equal(("2", true, 3, true, 65536, 2, "250ms"),
                (target.HttpVersion, target.FollowRedirects, target.MaxRedirects, target.InsecureSkipVerify, target.MaxBodyBytes, target.Retries, target.RetryDelay));
            Assert.Equal("${env:MONITOR_PROBE_PASSWORD}", target.BasicAuth?.Password);
            Assert.Equal("private-ca.pem", target.CaFile);
            Assert.False(target.CircuitBreaker.Enabled);
            Assert.Equal(4, target.CircuitBreaker.MinimumThroughput);
            Assert.Equal(14, target.Expect.MinCertDays);
            Assert.Equal("^application/json", target.Expect.Headers["Content-Type"]);
            Assert.Equal(3, target.Expect.Json.Count);
            Assert.False(target.Expect.Json[1].Exists);
            Assert.Equal("restaurant-1", target.Expect.Json[2].Value);
            Assert.Equal(["NO_CAPACITY"], target.Expect.AllowedFoodErrors);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Load_MisspeltHttpOption_IsReportedWithItsPath()
    {
        var folder = Directory.CreateTempSubdirectory("probe-config-");
        try
        {
            var file = Path.Combine(folder.FullName, "monitor.yaml");
            File.WriteAllText(file, """
                monitor:
                  targets:
                    http:
                      - name: site
                        url: "https://example.com/"
                        retrys: 2
                        expect:
                          json:
                            - path: "$.a"
                              equals: 1
                """);

            var error = Assert.Throws<ConfigurationException>(() => ConfigLoader.Load(file));

            var message = error.Message;
            Assert.Contains("monitor:targets:http:0:retrys", message, StringComparison.Ordinal);
            Assert.Contains("monitor:targets:http:0:expect:json:0:equals", message, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void SandboxCheckoutBody_IsACheckoutWithCartAndSandboxFlag()
    {
        using var body = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "config", "checkout-sandbox.json")));
        var root = body.RootElement;

        Assert.True(root.GetProperty("isInSandbox").GetBoolean());
        var input = root.GetProperty("inputs")[0];
        Assert.Equal("actions.foodordering.intent.CHECKOUT", input.GetProperty("intent").GetString());
        var cart = input.GetProperty("arguments")[0].GetProperty("extension");
        Assert.Equal("type.googleapis.com/google.actions.v2.orders.Cart", cart.GetProperty("@type").GetString());
        Assert.NotEmpty(cart.GetProperty("merchant").GetProperty("id").GetString()!);
        Assert.True(cart.GetProperty("lineItems").GetArrayLength() > 0);
        Assert.True(cart.GetProperty("extension").GetProperty("location").TryGetProperty("postalAddress", out _));
    }
}
