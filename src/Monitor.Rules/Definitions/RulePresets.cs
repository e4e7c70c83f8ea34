using Monitor.Rules.Alerts;

namespace Monitor.Rules.Definitions;

/// <summary>
/// Rules that mirror Google's automated alerts on an Ordering End-to-End integration but fire earlier
/// on the same traffic (config/rules/README.md shows by how much), plus a few Google does not have.
/// Fulfillment presets read the actions <c>checkout</c> and <c>submit_order</c> (one observation per
/// request); feed presets read the <see cref="FeedSignals"/>.
/// </summary>
public static class RulePresets
{
    /// <summary>The submit-order action as the daemon names it.</summary>
    public const string SubmitOrder = "submit_order";

    /// <summary>The business error Google's submit-order alert leaves out and its payment alert counts alone.</summary>
    public const string PaymentDeclined = "PAYMENT_DECLINED";

    // Google: over 50% in 30 minutes with 25 errors and 5 restaurants. Here: a quarter in 10 minutes with
    // 5 errors and 3 restaurants, so a full outage shows after 5 errors instead of 25, and a partial one
    // long before the 30-minute ratio crosses half.
    private static readonly TimeSpan FulfillmentWindow = TimeSpan.FromMinutes(10);
    private const double FulfillmentRatio = 0.25;
    private const int FulfillmentErrors = 5;
    private const int FulfillmentRestaurants = 3;
    private static readonly TimeSpan Hold = TimeSpan.FromMinutes(5);

    /// <summary>The preset names accepted by <see cref="Create"/>.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "checkout-errors", "submit-order-errors", "payment-declined",
        "checkout-infrastructure-errors", "submit-order-infrastructure-errors", "feed-entity-errors", "entity-age",
        "fulfillment-slo-page", "fulfillment-slo-ticket", "traffic-absent", "feed-stale", "feed-count-drop",
        "feed-unreadable",
    ];

    /// <summary>Checkout errors (all error types).</summary>
    public static AlertRule CheckoutErrors(string signal = "checkout") => new(
        "checkout-errors", signal,
        new ErrorRatioCondition(FulfillmentWindow, FulfillmentRatio, 1, FulfillmentErrors, FulfillmentRestaurants),
        Severity.Critical, AlertCategory.OrdersBlocked, KeepFiringFor: Hold);

    /// <summary>Submit-order errors, without <c>PAYMENT_DECLINED</c>.</summary>
    public static AlertRule SubmitOrderErrors(string signal = SubmitOrder) => new(
        "submit-order-errors", signal,
        new ErrorRatioCondition(FulfillmentWindow, FulfillmentRatio, 1, FulfillmentErrors, FulfillmentRestaurants,
            ExcludeErrorTypes: [PaymentDeclined]),
        Severity.Critical, AlertCategory.OrdersBlocked, KeepFiringFor: Hold);

    /// <summary>Submit orders declined for payment, counting only <c>PAYMENT_DECLINED</c>.</summary>
    public static AlertRule PaymentDeclinedErrors(string signal = SubmitOrder) => new(
        "payment-declined", signal,
        new ErrorRatioCondition(FulfillmentWindow, FulfillmentRatio, 1, FulfillmentErrors, FulfillmentRestaurants,
            IncludeErrorTypes: [PaymentDeclined]),
        Severity.Major, AlertCategory.TechnicalSupport, KeepFiringFor: Hold);

    // Infrastructure errors (no business error type: 5xx, timeouts, connection failures) are near zero on a
    // healthy service, while business errors are a few percent every day: a fifth of them over 2 minutes
    // pages within half a minute of a full outage and about 20 minutes before Google on a growing one.
    private static readonly TimeSpan InfrastructureWindow = TimeSpan.FromMinutes(2);
    private const double InfrastructureRatio = 0.2;
    private const int InfrastructureErrors = 25;
    private const int InfrastructureRestaurants = 5;

    /// <summary>Checkout infrastructure errors: a fifth of checkouts over 2 minutes, 25 errors from 5 restaurants.</summary>
    public static AlertRule CheckoutInfrastructureErrors(string signal = "checkout") => new(
        "checkout-infrastructure-errors", signal,
        new ErrorRatioCondition(InfrastructureWindow, InfrastructureRatio, 1, InfrastructureErrors, InfrastructureRestaurants,
            Class: ErrorClass.Infrastructure),
        Severity.Critical, AlertCategory.OrdersBlocked, KeepFiringFor: Hold);

    /// <summary>Submit-order infrastructure errors, as <see cref="CheckoutInfrastructureErrors"/>.</summary>
    public static AlertRule SubmitOrderInfrastructureErrors(string signal = SubmitOrder) => new(
        "submit-order-infrastructure-errors", signal,
        new ErrorRatioCondition(InfrastructureWindow, InfrastructureRatio, 1, InfrastructureErrors, InfrastructureRestaurants,
            Class: ErrorClass.Infrastructure),
        Severity.Critical, AlertCategory.OrdersBlocked, KeepFiringFor: Hold);

    /// <summary>
    /// Feed entity errors per entity type (one alert series per type). Google: over 10% with more than
    /// 100 entities, or over 20%, checked hourly on the feed it has; here: over 5% of any count in the
    /// latest complete run (the gauge of <c>feed:TYPE</c>), so it resolves on the first clean run.
    /// </summary>
    public static AlertRule FeedEntityErrors(string signal = FeedSignals.EntitiesOfEveryType) => new(
        "feed-entity-errors", signal, new GaugeLimitCondition(0.05, Below: false, Unit: "invalid share"),
        Severity.Major, AlertCategory.TechnicalSupport);

    /// <summary>
    /// Entity age: over 1% of the entities of the latest complete run stale (the gauge of <c>feed-age</c>).
    /// Google counts entities older than 3 days; with the feed target's stale limit at 2 days this fires
    /// a day before Google's alert would.
    /// </summary>
    public static AlertRule EntityAge(string signal = FeedSignals.Age) => new(
        "entity-age", signal, new GaugeLimitCondition(0.01, Below: false, Unit: "stale share"),
        Severity.Major, AlertCategory.TechnicalSupport);

    /// <summary>
    /// A feed target whose latest run could not be read (missing, unreachable, refused, timed out): the
    /// gauge of the target's own signal is 1 until a run reads the feed again. Set the signal to the
    /// feed target's name; the alert's samples say why the run failed.
    /// </summary>
    public static AlertRule FeedUnreadable(string signal = "inventory") => new(
        "feed-unreadable", signal, new GaugeLimitCondition(0, Below: false, Unit: ""),
        Severity.Major, AlertCategory.TechnicalSupport);

    /// <summary>
    /// Fulfillment availability against an objective: page on a fast burn (SRE workbook windows). Only
    /// infrastructure errors spend the budget: the few percent of routine business errors (closed
    /// restaurants, changed prices) would burn a 99.5% objective at 10x on a normal day.
    /// </summary>
    public static AlertRule FulfillmentSloPage(string signal = "checkout", double objective = 0.995) => new(
        "fulfillment-slo-page", signal,
        new BurnRateCondition(objective, BurnRateCondition.PageWindows, MinSamples: 20, Class: ErrorClass.Infrastructure),
        Severity.Critical, AlertCategory.OrdersBlocked);

    /// <summary>Fulfillment availability against an objective: ticket on a slow burn, infrastructure errors only.</summary>
    public static AlertRule FulfillmentSloTicket(string signal = "checkout", double objective = 0.995) => new(
        "fulfillment-slo-ticket", signal,
        new BurnRateCondition(objective, BurnRateCondition.TicketWindows, MinSamples: 100, Class: ErrorClass.Infrastructure),
        Severity.Minor, AlertCategory.TechnicalSupport);

    /// <summary>Traffic down to a tenth of the hour before: a silent integration is a broken one.</summary>
    public static AlertRule TrafficAbsent(string signal = "checkout") => new(
        "traffic-absent", signal, new AbsenceCondition(TimeSpan.FromMinutes(15), TimeSpan.FromHours(2), 0.1, MinBaselineSamples: 50),
        Severity.Major, AlertCategory.IntegrationDown, For: TimeSpan.FromMinutes(5));

    /// <summary>The feed's own timestamp (marker or Last-Modified, a gauge in Unix seconds) older than a day and an hour.</summary>
    public static AlertRule FeedStale(string signal = FeedSignals.Updated) => new(
        "feed-stale", signal, new FreshnessCondition(TimeSpan.FromHours(25), FreshnessSource.GaugeTimestamp),
        Severity.Major, AlertCategory.TechnicalSupport);

    /// <summary>Restaurants (or entities of a type) in the feed falling by a fifth from one run to the next.</summary>
    public static AlertRule FeedCountDrop(string signal = FeedSignals.CountOfEveryType) => new(
        "feed-count-drop", signal, new CountDropCondition(0.2),
        Severity.Major, AlertCategory.MerchantsCannotServe);

    /// <summary>A preset by name, on its default signal or on <paramref name="signal"/>; null for an unknown name.</summary>
    public static AlertRule? Create(string name, string? signal = null)
    {
        var rule = name switch
        {
            "checkout-errors" => CheckoutErrors(),
            "submit-order-errors" => SubmitOrderErrors(),
            "payment-declined" => PaymentDeclinedErrors(),
            "checkout-infrastructure-errors" => CheckoutInfrastructureErrors(),
            "submit-order-infrastructure-errors" => SubmitOrderInfrastructureErrors(),
            "feed-entity-errors" => FeedEntityErrors(),
            "entity-age" => EntityAge(),
            "fulfillment-slo-page" => FulfillmentSloPage(),
            "fulfillment-slo-ticket" => FulfillmentSloTicket(),
            "traffic-absent" => TrafficAbsent(),
            "feed-stale" => FeedStale(),
            "feed-count-drop" => FeedCountDrop(),
            "feed-unreadable" => FeedUnreadable(),
            _ => null,
        };
        return rule is not null && !string.IsNullOrEmpty(signal) ? rule with { Signal = signal } : rule;
    }
}
