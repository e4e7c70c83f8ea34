using Monitor.Rules.Google;
using Monitor.Rules.Observations;
using static Monitor.Rules.Tests.TestClock;

namespace Monitor.Rules.Tests.Google;

public sealed class GoogleFulfillmentAlertsTests
{
    private static readonly DateTimeOffset At = Start.AddSeconds(30);

    [Fact]
    public void Advance_Exactly25ErrorsFrom5RestaurantsOverHalf_FiresAtTheNextMinute()
    {
        var google = Subject(successes: 24, errors: 25, restaurants: 5);

        var change = Assert.Single(Advance(google, Start.AddMinutes(1)));

        Assert.Equal(GoogleAlert.CheckoutErrors, change.Alert);
        Assert.True(change.Firing);
        Assert.Equal(Start.AddMinutes(1), change.At);
        Assert.Equal((49, 25, 5), (change.Samples, change.Errors, change.Restaurants));
        Assert.Equal(Start.AddMinutes(1), google.FirstFired(GoogleAlert.CheckoutErrors));
    }

    [Fact]
    public void Advance_ExactlyHalfErrors_DoesNotFire()
    {
        var google = Subject(successes: 25, errors: 25, restaurants: 5);

        Assert.Empty(Advance(google, Start.AddMinutes(5)));
        Assert.Null(google.FirstFired(GoogleAlert.CheckoutErrors));
    }

    [Fact]
    public void Advance_24Errors_DoesNotFire() =>
        Assert.Empty(Advance(Subject(successes: 0, errors: 24, restaurants: 5), Start.AddMinutes(5)));

    [Fact]
    public void Advance_4Restaurants_DoesNotFire() =>
        Assert.Empty(Advance(Subject(successes: 0, errors: 40, restaurants: 4), Start.AddMinutes(5)));

    [Fact]
    public void Advance_BeforeTheMinuteEnds_DoesNotEvaluate() =>
        Assert.Empty(Advance(Subject(successes: 0, errors: 30, restaurants: 5), Start.AddSeconds(59)));

    [Fact]
    public void Advance_ErrorsLeaveTheWindow_StopsFiringThirtyMinutesAfterTheirMinute()
    {
        var google = Subject(successes: 0, errors: 30, restaurants: 5);
        var changes = Advance(google, Start.AddMinutes(30));
        Assert.True(Assert.Single(changes).Firing);

        var later = Advance(google, Start.AddMinutes(31));

        var stop = Assert.Single(later);
        Assert.False(stop.Firing);
        Assert.Equal(Start.AddMinutes(31), stop.At);
    }

    [Fact]
    public void Advance_PaymentDeclinedOnSubmitOrder_FiresOnlyThePaymentAlert()
    {
        var google = new GoogleFulfillmentAlerts();
        for (var i = 0; i < 30; i++)
        {
            google.Record(new Observation("submit_order", At, false, "error_type", ErrorType: "PAYMENT_DECLINED", RestaurantId: "r" + (i % 6)));
        }

        var change = Assert.Single(Advance(google, Start.AddMinutes(1)));

        Assert.Equal(GoogleAlert.PaymentDeclined, change.Alert);
        Assert.Null(google.FirstFired(GoogleAlert.SubmitOrderErrors));
    }

    [Fact]
    public void Advance_SubmitOrderDeclinesCountAsSamplesNotErrors_KeepsTheShareBelowHalf()
    {
        var google = new GoogleFulfillmentAlerts();
        for (var i = 0; i < 30; i++)
        {
            google.Record(new Observation("submit_order", At, false, "http_500", RestaurantId: "r" + (i % 6)));
            google.Record(new Observation("submit_order", At, false, "error_type", ErrorType: "PAYMENT_DECLINED", RestaurantId: "r" + (i % 6)));
        }

        // 30 non-payment errors of 60 submit orders: exactly half, not over it; declines also 30 of 60.
        Assert.Empty(Advance(google, Start.AddMinutes(1)));
    }

    [Fact]
    public void Record_SandboxTraffic_IsIgnored()
    {
        var google = new GoogleFulfillmentAlerts();
        for (var i = 0; i < 30; i++)
        {
            google.Record(new Observation("sandbox:checkout", At, false, "http_500", RestaurantId: "r" + (i % 6)));
        }

        Assert.Empty(Advance(google, Start.AddMinutes(2)));
    }

    [Fact]
    public void Advance_LongGapAfterFiring_StopsOnceAndSkipsTheRest()
    {
        var google = Subject(successes: 0, errors: 30, restaurants: 5);
        var changes = Advance(google, Start.AddDays(400));

        Assert.Equal([true, false], changes.Select(c => c.Firing));
        Assert.Equal(Start.AddMinutes(31), changes[1].At);
    }

    private static GoogleFulfillmentAlerts Subject(int successes, int errors, int restaurants)
    {
        var google = new GoogleFulfillmentAlerts();
        for (var i = 0; i < successes; i++)
        {
            google.Record(new Observation("checkout", At, true, RestaurantId: "ok" + i));
        }

        for (var i = 0; i < errors; i++)
        {
            google.Record(new Observation("checkout", At, false, "http_500", RestaurantId: "r" + (i % restaurants)));
        }

        return google;
    }

    private static List<GoogleAlertChange> Advance(GoogleFulfillmentAlerts google, DateTimeOffset to)
    {
        var changes = new List<GoogleAlertChange>();
        google.Advance(to, changes);
        return changes;
    }
}
