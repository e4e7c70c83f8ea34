using System.Text;
using Monitor.Ingest.Parsing;

namespace Monitor.Tests.Ingest.Parsing;

public sealed class ObservationParserTests
{
    [Fact]
    public void TryParse_EveryField_ReadsThem()
    {
        var ok = Parse("""{"time":"2026-11-28T10:15:30.250+01:00","action":"submit_order","restaurantId":"r-17","status":200,"errorType":"PAYMENT_DECLINED","latencyMs":182.5,"sandbox":true,"orderId":"o-1"}""",
            out var outcome, out _, out var message);

        Assert.True(ok, message);
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 9, 15, 30, 250, TimeSpan.Zero), outcome.Time);
        Assert.Equal(1, outcome.Action);
        Assert.Equal("r-17", outcome.RestaurantId);
        Assert.Equal(200, outcome.Status);
        Assert.Equal("PAYMENT_DECLINED", outcome.ErrorType);
        Assert.Equal(182.5, outcome.LatencyMs);
        Assert.True(outcome.Sandbox);
    }

    [Fact]
    public void TryParse_NoTime_TakesNow()
    {
        Assert.True(Parse("""{"action":"checkout","restaurantId":"r1","status":200}""", out var outcome, out _, out _));
        Assert.Equal(ParsingFixture.Now, outcome.Time);
    }

    [Fact]
    public void TryParse_SameRestaurantTwice_SharesOneString()
    {
        var parser = ParsingFixture.Parser();
        var line = Encoding.UTF8.GetBytes("""{"action":"checkout","restaurantId":"r-9","status":200}""");
        parser.TryParse(line, ParsingFixture.Now, out var first, out _, out _);
        parser.TryParse(line, ParsingFixture.Now, out var second, out _, out _);

        Assert.Same(first.RestaurantId, second.RestaurantId);
    }

    [Theory]
    [InlineData("""{"time":"2026-11-28T10:15:30","action":"checkout","restaurantId":"r1","status":200}""", "bad_field", "time")]
    [InlineData("""{"action":"refund","restaurantId":"r1","status":200}""", "unknown_action", "action 'refund' is unknown")]
    [InlineData("""{"action":"checkout","status":200}""", "missing_field", "restaurantId: required")]
    [InlineData("""{"action":"checkout","restaurantId":"r1"}""", "missing_field", "status: required")]
    [InlineData("""{"action":"checkout","restaurantId":"r1","status":"500"}""", "bad_field", "status")]
    [InlineData("""{"action":"checkout","restaurantId":"r1","status":200,"latencyMs":-3}""", "bad_field", "latencyMs")]
    [InlineData("""{"action":"checkout","restaurantId":"r1","status":200""", "json", "not valid JSON")]
    [InlineData("""[1,2]""", "json", "expected a JSON object")]
    [InlineData("""{"action":"checkout","restaurantId":"r1","status":200} {}""", "json", "")]
    public void TryParse_BadLine_RefusedWithReason(string line, string expected, string text)
    {
        Assert.False(Parse(line, out _, out var reason, out var message));
        Assert.Equal(expected, reason.ToLabel());
        Assert.Contains(text, message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_TimeoutWithoutStatus_Accepted()
    {
        Assert.True(Parse("""{"action":"checkout","restaurantId":"r1","timeout":true,"latencyMs":10000}""", out var outcome, out _, out _));
        Assert.True(outcome.Timeout);
    }

    [Fact]
    public void TryParse_CustomActionAndUnknownField_Accepted()
    {
        var parser = ParsingFixture.Parser("menu_sync");
        var ok = parser.TryParse(Encoding.UTF8.GetBytes("""{"action":"menu_sync","restaurantId":"r1","status":200,"region":{"x":[1]}}"""),
            ParsingFixture.Now, out var outcome, out _, out var message);

        Assert.True(ok, message);
        Assert.Equal("menu_sync", parser.Actions.Names[outcome.Action]);
    }

    private static bool Parse(string line, out ParsedOutcome outcome, out RejectReason reason, out string? message) =>
        ParsingFixture.Parser().TryParse(Encoding.UTF8.GetBytes(line), ParsingFixture.Now, out outcome, out reason, out message);
}
