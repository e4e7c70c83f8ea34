using System.Globalization;
using System.Net;
using System.Text;
using Monitor.Rules.Alerts;
using Xunit.Abstractions;

namespace Monitor.Tests.Ingest;

/// <summary>
/// Real traffic over loopback HTTP, on a simulated clock: a checkout fault whose share of HTTP 500
/// answers grows steadily across many restaurants. The shipped preset must open an urgent
/// orders-blocked alert before Google's own 30-minute rule would fire on the same stream.
/// </summary>
public sealed class IngestEndToEndTests(ITestOutputHelper output)
{
    private const int PerSecond = 5;
    private const int Restaurants = 40;
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(30);
    private static readonly DateTimeOffset Start = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task PostedTraffic_GrowingShareOf500s_UrgentOrdersBlockedFiresBeforeGooglesRule()
    {
        // Google's checkout alert as published: over 50% in 30 minutes, at least 25 errors and 5 restaurants.
        var google = new Dictionary<string, string>
        {
            ["name"] = "google-checkout", ["signal"] = "checkout", ["window"] = "30m", ["threshold"] = "0.500001",
            ["minErrors"] = "25", ["minDistinctRestaurants"] = "5", ["severity"] = "info", ["category"] = "none",
        };
        await using var host = await IngestTestHost.StartAsync(start: Start, overrides: TrafficPresets.AsOverrides(google));
        DateTimeOffset? presetFired = null, warningFired = null, googleFired = null;
        long sent = 0;
        var random = new Random(6);

        // Healthy for 10 minutes, then 2.5 more points of 500s every minute: all failing at minute 50.
        for (var step = 0; step < 120 && googleFired is null; step++)
        {
            var from = Start + (step * Step);
            var body = Batch(from, random, FailureShare(from - Start));
            using var response = await host.PostAsync(body);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            sent += (long)(Step.TotalSeconds * PerSecond);

            host.Time.Advance(Step);
            await host.WaitForQueueEmptyAsync();
            foreach (var transition in await host.Evaluator.EvaluateAsync(CancellationToken.None))
            {
                if (transition.Kind != TransitionKind.Firing)
                {
                    continue;
                }

                if (transition.Rule == "checkout-errors")
                {
                    Assert.True(transition.IsUrgent);
                    Assert.Equal(AlertCategory.OrdersBlocked, transition.Category);
                    presetFired ??= transition.At;
                }
                else if (transition.Rule == "checkout-errors-warning")
                {
                    warningFired ??= transition.At;
                }
                else if (transition.Rule == "google-checkout")
                {
                    googleFired ??= transition.At;
                }
            }
        }

        Assert.Equal(sent, host.Recorded());
        Assert.NotNull(presetFired);
        Assert.NotNull(googleFired);
        Assert.Contains(host.Sink.Transitions, t => t.Rule == "checkout-errors" && t.Kind == TransitionKind.Firing);
        output.WriteLine($"fault starts at +10m; checkout-errors-warning (5m, 25%) fired at +{(warningFired - Start)?.TotalMinutes:0.#}m, " +
            $"checkout-errors (10m, urgent) at +{(presetFired.Value - Start).TotalMinutes:0.#}m, " +
            $"Google's 30m rule would fire at +{(googleFired.Value - Start).TotalMinutes:0.#}m: " +
            $"{(googleFired.Value - presetFired.Value).TotalMinutes:0.#} minutes earlier");
        Assert.True(presetFired < googleFired, $"preset {presetFired:HH:mm:ss} is not before Google {googleFired:HH:mm:ss}");
    }

    private static double FailureShare(TimeSpan elapsed) => Math.Clamp((elapsed.TotalMinutes - 10) * 0.025, 0, 1);

    private static string Batch(DateTimeOffset from, Random random, double failureShare)
    {
        var text = new StringBuilder();
        var count = (int)(Step.TotalSeconds * PerSecond);
        for (var i = 0; i < count; i++)
        {
            var time = from + TimeSpan.FromSeconds(Step.TotalSeconds * i / count);
            var failing = random.NextDouble() < failureShare;
            var restaurant = random.Next(Restaurants);
            text.Append(CultureInfo.InvariantCulture,
                $$"""{"time":"{{time:yyyy-MM-ddTHH:mm:ss.fffzzz}}","action":"checkout","restaurantId":"r-{{restaurant}}","status":{{(failing ? 500 : 200)}},"latencyMs":{{(failing ? 2000 : 150)}}}""")
                .Append('\n');
        }

        return text.ToString();
    }
}
