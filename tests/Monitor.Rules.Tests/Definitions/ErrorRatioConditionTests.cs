using Monitor.Rules.Alerts;
using Monitor.Rules.Definitions;
using Monitor.Rules.Observations;
using static Monitor.Rules.Tests.TestClock;

namespace Monitor.Rules.Tests.Definitions;

public sealed class ErrorRatioConditionTests
{
    private static readonly TimeSpan FiveMinutes = TimeSpan.FromMinutes(5);

    [Fact]
    public void Evaluate_EmptyWindow_StaysInactive() =>
        Assert.Empty(Engine(new ErrorRatioCondition(FiveMinutes, 0)).Evaluate(Start));

    [Fact]
    public void Evaluate_RatioExactlyAtThreshold_Fires()
    {
        var engine = Engine(new ErrorRatioCondition(FiveMinutes, 0.25, MinSamples: 8, MinErrors: 2));
        Feed(engine, Start, ok: 6, failed: 2);

        Assert.Equal(TransitionKind.Firing, Step(engine, Start));
    }

    [Fact]
    public void Evaluate_JustBelowEachMinimum_StaysInactive()
    {
        var condition = new ErrorRatioCondition(FiveMinutes, 0.5, MinSamples: 10, MinErrors: 6, MinDistinctRestaurants: 6);
        var engine = Engine(condition);
        Feed(engine, Start, ok: 4, failed: 5, restaurantPrefix: "r"); // 9 samples, 5 errors, 5 restaurants
        Assert.Null(Step(engine, Start));

        Feed(engine, Start, ok: 0, failed: 1, restaurantPrefix: "s"); // 10 samples, 6 errors, 6 restaurants
        Assert.Equal(TransitionKind.Firing, Step(engine, Start));
    }

    [Fact]
    public void Evaluate_ObservationAtBucketBoundary_LeavesWindowExactlyOneWindowLater()
    {
        var engine = Engine(new ErrorRatioCondition(FiveMinutes, 0.5), noData: NoDataPolicy.Resolve);
        Feed(engine, Start, ok: 0, failed: 1);

        Assert.Equal(TransitionKind.Firing, Step(engine, Start));
        Assert.Null(Step(engine, Start + FiveMinutes - TimeSpan.FromTicks(1)));
        Assert.Equal(TransitionKind.Resolved, Step(engine, Start + FiveMinutes));
    }

    [Fact]
    public void Evaluate_ClockBehindRecordedData_IgnoresFutureBuckets()
    {
        var engine = Engine(new ErrorRatioCondition(FiveMinutes, 0.5));
        Feed(engine, Start.AddMinutes(1), ok: 0, failed: 3);

        Assert.Null(Step(engine, Start));
        Assert.Equal(TransitionKind.Firing, Step(engine, Start.AddMinutes(1)));
    }

    [Fact]
    public void Record_LateObservationInsideWindow_IsCounted()
    {
        var engine = Engine(new ErrorRatioCondition(FiveMinutes, 0.5, MinErrors: 2));
        Feed(engine, Start.AddMinutes(2), ok: 1, failed: 1);
        Feed(engine, Start, ok: 0, failed: 1); // arrives late, clock went backwards

        var fired = Assert.Single(engine.Evaluate(Start.AddMinutes(2)));
        Assert.Equal(3, fired.Figures.Samples);
    }

    [Fact]
    public void Evaluate_ExcludedErrorType_DoesNotCount()
    {
        var engine = Engine(new ErrorRatioCondition(FiveMinutes, 0.5, ExcludeErrorTypes: ["PAYMENT_DECLINED"]));
        Feed(engine, Start, ok: 2, failed: 3, errorType: "PAYMENT_DECLINED");
        Assert.Null(Step(engine, Start));

        Feed(engine, Start, ok: 0, failed: 5, errorType: "CLOSED");
        var fired = Assert.Single(engine.Evaluate(Start));
        Assert.Equal(5, fired.Figures.Failures);
        Assert.Equal("CLOSED", Assert.Single(fired.Figures.TopErrorTypes).Key);
    }

    [Fact]
    public void Evaluate_IncludeList_CountsOnlyThoseTypesAndTheirRestaurants()
    {
        var engine = Engine(new ErrorRatioCondition(FiveMinutes, 0.3, MinDistinctRestaurants: 2, IncludeErrorTypes: ["PAYMENT_DECLINED"]));
        Feed(engine, Start, ok: 0, failed: 5, errorType: "CLOSED", restaurantPrefix: "c");
        Feed(engine, Start, ok: 0, failed: 1, errorType: "PAYMENT_DECLINED", restaurantPrefix: "p");
        Assert.Null(Step(engine, Start)); // 1/6 and one restaurant

        Feed(engine, Start, ok: 0, failed: 2, errorType: "PAYMENT_DECLINED", restaurantPrefix: "q");
        var fired = Assert.Single(engine.Evaluate(Start));
        Assert.Equal(3, fired.Figures.Failures);
        Assert.Equal(3, fired.Figures.DistinctRestaurants);
        Assert.Equal(3, fired.Figures.AffectedRestaurants.Count);
    }

    [Fact]
    public void Counts_NoErrorTypeWithIncludeList_IsFalse()
    {
        var condition = new ErrorRatioCondition(FiveMinutes, 0.5, IncludeErrorTypes: ["PAYMENT_DECLINED"]);

        Assert.False(condition.Counts(null));
        Assert.True(condition.Counts("PAYMENT_DECLINED"));
    }

    [Fact]
    public void Record_UnknownSignal_ReturnsFalse() =>
        Assert.False(Engine(new ErrorRatioCondition(FiveMinutes, 0.5)).Record(new Observation("other", Start, false)));
}
