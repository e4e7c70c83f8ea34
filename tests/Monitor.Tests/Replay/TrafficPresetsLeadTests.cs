using Monitor.Replay;
using Monitor.Rules.Google;
using Monitor.Tests.Ingest;
using Monitor.TrafficGen;

namespace Monitor.Tests.Replay;

/// <summary>
/// The shipped <c>config/traffic/rules.yaml</c> replayed on generated traffic at 2 checkouts a second
/// (the figures <c>bench/lead.sh</c> prints): each fault found as the presets promise.
/// </summary>
public sealed class TrafficPresetsLeadTests
{
    private static readonly DateTimeOffset Onset = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Presets_Step_UrgentWithinAMinute()
    {
        var result = Replay(TrafficStream.Step);

        var first = FirstUrgent(result);
        Assert.NotNull(first);
        Assert.InRange(first.Value - Onset, TimeSpan.Zero, TimeSpan.FromSeconds(60));
    }

    [Fact]
    public void Presets_Ramp_UrgentTwentyMinutesBeforeGooglesCheckoutAlert()
    {
        var result = Replay(TrafficStream.Ramp);

        var google = result.Google.Single(g => g.Alert == GoogleAlert.CheckoutErrors).FiresAt;
        var first = FirstUrgent(result);
        Assert.NotNull(google);
        Assert.NotNull(first);
        Assert.True(google.Value - first.Value >= TimeSpan.FromMinutes(20), $"urgent at {first:HH:mm:ss}, Google at {google:HH:mm:ss}");
        Assert.True(first > Onset);
    }

    [Fact]
    public void Presets_NormalDayWithQuietNight_NoAlertNoCase()
    {
        var result = Replay(TrafficStream.Normal, TimeSpan.FromHours(24), start: Onset.Date);

        Assert.Null(FirstUrgent(result));
        Assert.Empty(result.Cases);
        Assert.All(result.Google, g => Assert.Null(g.FiresAt));
    }

    [Fact]
    public void Presets_PaymentDeclines_NotUrgentLikeGooglesSeparateAlert()
    {
        var result = Replay(TrafficStream.Payment);

        Assert.Null(FirstUrgent(result));
        Assert.NotNull(result.Google.Single(g => g.Alert == GoogleAlert.PaymentDeclined).FiresAt);
        Assert.Contains(result.Alerts, a => a.Rule == "payment-declined" && a.Firings.Count > 0);
    }

    [Fact]
    public void Presets_RestaurantGroupFailing_TellsTheTechnicalContacts()
    {
        var result = Replay(TrafficStream.Group);

        Assert.Null(FirstUrgent(result));
        var incident = Assert.Single(result.Incidents);
        Assert.Equal("technical", incident.Notify);
        Assert.InRange(incident.OpenedAt - Onset, TimeSpan.Zero, TimeSpan.FromMinutes(15));
    }

    private static DateTimeOffset? FirstUrgent(ReplayResult result) =>
        result.Alerts.Where(a => a.Urgent).SelectMany(a => a.Firings).Select(f => (DateTimeOffset?)f.At).Min();

    private static ReplayResult Replay(TrafficStream stream, TimeSpan? length = null, DateTimeOffset? start = null)
    {
        var errors = new List<string>();
        var rules = ReplayRules.FromRuleFile(TrafficPresets.FilePath, errors);
        Assert.Empty(errors);
        var profile = new TrafficProfile(stream)
        {
            Rate = 2, Start = start ?? Onset.AddHours(-4), Length = length ?? TimeSpan.FromHours(6), Onset = Onset,
        };
        using var traffic = new MemoryStream();
        new TrafficGenerator(profile).Write(traffic);
        traffic.Position = 0;
        var replayer = new Replayer(rules.Rules, new ReplaySettings { Interval = rules.Interval, Resolution = rules.Resolution });
        replayer.Replay(stream.ToString(), traffic);
        return replayer.Finish();
    }
}
