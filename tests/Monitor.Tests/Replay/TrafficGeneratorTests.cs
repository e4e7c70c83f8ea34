using System.Text;
using Monitor.TrafficGen;

namespace Monitor.Tests.Replay;

public sealed class TrafficGeneratorTests
{
    private static readonly DateTimeOffset Midnight = new(2026, 11, 28, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Write_SameSeed_SameBytes()
    {
        var profile = new TrafficProfile(TrafficStream.Ramp) { Start = Midnight.AddHours(11), Length = TimeSpan.FromHours(2) };

        Assert.Equal(Generate(profile), Generate(profile));
        Assert.NotEqual(Generate(profile), Generate(profile with { Seed = 2 }));
    }

    [Fact]
    public void Write_NormalDay_NightsRunAtATwentiethOfTheDay()
    {
        var lines = Lines(new TrafficProfile(TrafficStream.Normal) { Start = Midnight });

        var night = lines.Count(l => Hour(l) < 5);
        var day = lines.Count(l => Hour(l) is >= 10 and < 15);
        // 5 night hours against 5 day hours: a twentieth, give or take sampling noise.
        Assert.InRange((double)night / day, 0.04, 0.06);
    }

    [Fact]
    public void Write_NormalDay_AboutFivePercentBusinessErrorsAndRare500s()
    {
        var lines = Lines(new TrafficProfile(TrafficStream.Normal) { Start = Midnight });

        var business = lines.Count(l => l.Contains("\"errorType\"", StringComparison.Ordinal) && !l.Contains("PAYMENT_DECLINED", StringComparison.Ordinal));
        var serverErrors = lines.Count(l => l.Contains("\"status\":500", StringComparison.Ordinal));
        Assert.InRange((double)business / lines.Count, 0.04, 0.07);
        Assert.InRange((double)serverErrors / lines.Count, 0.0001, 0.002);
        Assert.All(lines, l => Assert.StartsWith("{\"time\":\"2026-11-28T", l, StringComparison.Ordinal));
    }

    [Fact]
    public void Write_Step_EveryRequestFailsFromTheOnset()
    {
        var onset = Midnight.AddHours(12);
        var lines = Lines(new TrafficProfile(TrafficStream.Step) { Start = onset.AddMinutes(-10), Length = TimeSpan.FromMinutes(20), Onset = onset });

        var after = lines.Where(l => Hour(l) >= 12).ToList();
        Assert.NotEmpty(after);
        Assert.All(after, l => Assert.Contains("\"status\":500", l, StringComparison.Ordinal));
    }

    [Fact]
    public void Write_Group_OnlyTheLastTenthOfRestaurantsFail()
    {
        var onset = Midnight.AddHours(12);
        var lines = Lines(new TrafficProfile(TrafficStream.Group) { Start = onset, Length = TimeSpan.FromMinutes(30), Onset = onset });

        var failing = lines.Where(l => l.Contains("\"status\":500", StringComparison.Ordinal))
            .Select(Restaurant).Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.Equal(10, failing.Count(r => string.CompareOrdinal(r, "r091") >= 0));
        Assert.True(failing.Count(r => string.CompareOrdinal(r, "r091") < 0) <= 2, "only isolated 500s outside the group");
    }

    // {"time":"2026-11-28THH:...
    private static int Hour(string line) => int.Parse(line.AsSpan(20, 2), System.Globalization.CultureInfo.InvariantCulture);

    private static string Restaurant(string line)
    {
        const string field = "\"restaurantId\":\"";
        return line.Substring(line.IndexOf(field, StringComparison.Ordinal) + field.Length, 4);
    }

    private static byte[] Generate(TrafficProfile profile)
    {
        using var output = new MemoryStream();
        new TrafficGenerator(profile).Write(output);
        return output.ToArray();
    }

    private static List<string> Lines(TrafficProfile profile) =>
        [.. Encoding.UTF8.GetString(Generate(profile)).Split('\n', StringSplitOptions.RemoveEmptyEntries)];
}
