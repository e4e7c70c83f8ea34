using Monitor.Rules.Alerts;
using Monitor.Rules.Definitions;
using static Monitor.Rules.Tests.TestClock;

namespace Monitor.Rules.Tests.Definitions;

public sealed class BurnRateConditionTests
{
    // A 99% objective: the page threshold is 14.4% over 1h and 5m, or 6% over 6h and 30m.
    private static readonly BurnRateCondition Page = new(0.99, BurnRateCondition.PageWindows);

    private static void FeedMinutes(Monitor.Rules.Evaluation.RuleEngine engine, DateTimeOffset from, int minutes, int ok, int failed)
    {
        for (var m = 0; m < minutes; m++)
        {
            Feed(engine, from.AddMinutes(m), ok, failed);
        }
    }

    [Fact]
    public void Evaluate_EmptyWindows_StaysInactive() => Assert.Empty(Engine(Page).Evaluate(Start));

    [Fact]
    public void Evaluate_ShortBurstOnly_DoesNotPage()
    {
        var engine = Engine(Page);
        FeedMinutes(engine, Start, 355, ok: 100, failed: 0);
        FeedMinutes(engine, Start.AddMinutes(355), 5, ok: 0, failed: 100); // 5m at 100%, 1h at 8.3%, 6h at 1.4%

        Assert.Null(Step(engine, Start.AddMinutes(359).AddSeconds(59)));
    }

    [Fact]
    public void Evaluate_LongAndShortBothBurning_Pages()
    {
        var engine = Engine(Page);
        FeedMinutes(engine, Start, 50, ok: 100, failed: 0);
        FeedMinutes(engine, Start.AddMinutes(50), 10, ok: 0, failed: 100); // 1h at 16.7%

        var fired = Assert.Single(engine.Evaluate(Start.AddMinutes(59).AddSeconds(59)));
        Assert.Equal(TransitionKind.Firing, fired.Kind);
        Assert.Equal(TimeSpan.FromHours(1), fired.Figures.Window);
        Assert.Equal(14.4, fired.Figures.Threshold);
    }

    [Fact]
    public void Evaluate_LongBurningButShortRecovered_DoesNotPage()
    {
        var engine = Engine(Page);
        FeedMinutes(engine, Start, 15, ok: 0, failed: 100);
        FeedMinutes(engine, Start.AddMinutes(15), 45, ok: 100, failed: 0); // 1h at 25%, last 5m clean

        Assert.Null(Step(engine, Start.AddMinutes(59).AddSeconds(59)));
    }

    [Fact]
    public void Evaluate_TicketWindowsAtBudgetRate_Tickets()
    {
        var engine = Engine(new BurnRateCondition(0.99, BurnRateCondition.TicketWindows));
        for (var h = 0; h < 72; h++)
        {
            Feed(engine, Start.AddHours(h), ok: 99, failed: 1); // exactly 1x the budget
        }

        Assert.Equal(TransitionKind.Firing, Step(engine, Start.AddHours(71).AddMinutes(59)));
    }

    [Fact]
    public void Lookback_PageWindows_IsSixHours() => Assert.Equal(TimeSpan.FromHours(6), Page.Lookback);
}
