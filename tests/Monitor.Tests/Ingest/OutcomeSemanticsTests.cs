using Monitor.Ingest;
using Monitor.Ingest.Parsing;
using Monitor.Rules.Alerts;
using Monitor.Rules.Definitions;
using Monitor.Rules.Evaluation;
using Monitor.Rules.Observations;
using Monitor.Tests.Ingest.Parsing;

namespace Monitor.Tests.Ingest;

public sealed class OutcomeSemanticsTests
{
    private static readonly ActionCatalog Actions = new(["menu_sync"]);

    [Theory]
    [InlineData("checkout", 200, null, false, true, null)]
    [InlineData("checkout", 500, null, false, false, "http_500")]
    [InlineData("checkout", 201, null, false, false, "http_201")]
    [InlineData("checkout", 200, "NO_CAPACITY", false, false, "error_type")]
    [InlineData("checkout", 0, null, true, false, "timeout")]
    [InlineData("submit_order", 200, "PAYMENT_DECLINED", false, false, "error_type")]
    [InlineData("rtu", 204, null, false, true, null)]
    [InlineData("async_order_update", 503, null, false, false, "http_503")]
    public void ToObservation_Outcome_FollowsGoogleDefinitions(string action, int status, string? errorType, bool timeout, bool success, string? reason)
    {
        var observation = Map(action, status, errorType, timeout);

        Assert.Equal(success, observation.Success);
        Assert.Equal(reason, observation.Reason);
        Assert.Equal(errorType, observation.ErrorType);
        Assert.Equal(action, observation.Signal);
    }

    [Fact]
    public void ToObservation_Sandbox_GoesToItsOwnSignal()
    {
        Assert.Equal("sandbox:checkout", Map("checkout", 500, null, false, sandbox: true).Signal);
        Assert.Equal("sandbox:menu_sync", Map("menu_sync", 200, null, false, sandbox: true).Signal);
    }

    [Fact]
    public void SubmitOrderRules_PaymentDeclined_CountedOnlyByPaymentDeclinedRule()
    {
        var window = TimeSpan.FromMinutes(10);
        var submit = new AlertRule("submit-order-errors", "submit_order",
            new ErrorRatioCondition(window, 0.5, MinErrors: 3, ExcludeErrorTypes: ["PAYMENT_DECLINED"]), Severity.Critical, AlertCategory.OrdersBlocked);
        var declined = new AlertRule("payment-declined", "submit_order",
            new ErrorRatioCondition(window, 0.5, MinErrors: 3, IncludeErrorTypes: ["PAYMENT_DECLINED"]), Severity.Major, AlertCategory.TechnicalSupport);
        var engine = new RuleEngine([submit, declined]);
        for (var i = 0; i < 10; i++)
        {
            engine.Record(Map("submit_order", 200, i < 8 ? "PAYMENT_DECLINED" : null, false));
        }

        var fired = engine.Evaluate(ParsingFixture.Now.AddSeconds(1)).Where(t => t.Kind == TransitionKind.Firing).Select(t => t.Rule);

        Assert.Equal(["payment-declined"], fired);
    }

    private static Observation Map(string action, int status, string? errorType, bool timeout, bool sandbox = false)
    {
        var index = Actions.Names.ToList().IndexOf(action);
        var outcome = new ParsedOutcome(ParsingFixture.Now, index, sandbox, "r1", status, timeout, errorType, 12);
        return OutcomeSemantics.ToObservation(outcome, Actions);
    }
}
