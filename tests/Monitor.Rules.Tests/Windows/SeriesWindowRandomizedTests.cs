using Monitor.Rules.Definitions;
using Monitor.Rules.Observations;
using Monitor.Rules.Windows;

namespace Monitor.Rules.Tests.Windows;

/// <summary>
/// Compares the bucketed windows with a naive recomputation over the raw observations, on thousands of
/// random streams (fixed seed) with late arrivals, several resolutions and window lengths.
/// </summary>
public sealed class SeriesWindowRandomizedTests
{
    private static readonly string[] Types = ["CLOSED", "PAYMENT_DECLINED", "NO_CAPACITY", "INVALID"];
    private static readonly TimeSpan[] Windows = [TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(6), TimeSpan.FromDays(3)];
    private static readonly TimeSpan[] Resolutions = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10)];

    [Fact]
    public void Counts_RandomStreams_MatchNaiveRecomputation()
    {
        var random = new Random(20261128);
        for (var stream = 0; stream < 2000; stream++)
        {
            RunStream(random);
        }
    }

    private static void RunStream(Random random)
    {
        var window = Windows[random.Next(Windows.Length)];
        var resolution = Resolutions[random.Next(Resolutions.Length)];
        var only = new ErrorRatioCondition(window, 0.5, IncludeErrorTypes: ["PAYMENT_DECLINED"]);
        var except = new ErrorRatioCondition(window, 0.5, ExcludeErrorTypes: ["PAYMENT_DECLINED"]);
        var builder = new SeriesLayoutBuilder(resolution.Ticks);
        only.Declare(builder);
        except.Declare(builder);
        new LatencyQuantileCondition(window, 0.9, TimeSpan.FromSeconds(1)).Declare(builder);
        var series = new SeriesWindow("s", builder.Build());
        int[] filters = [0, series.FilterIndex(only.Filter.Key), series.FilterIndex(except.Filter.Key)];
        var filterOf = new Func<string, bool>[] { _ => true, only.Filter.Counts, except.Filter.Counts };

        var observations = new List<Observation>();
        var time = TestClock.Start.AddTicks(random.NextInt64(window.Ticks));
        var latest = time;
        var count = random.Next(1, 300);
        for (var i = 0; i < count; i++)
        {
            time = time.AddTicks(random.NextInt64(window.Ticks / 20));
            var at = random.Next(10) == 0 ? time.AddTicks(-random.NextInt64(window.Ticks / 2)) : time; // late arrivals
            latest = at > latest ? at : latest;
            var failed = random.Next(3) == 0;
            var observation = new Observation("s", at, !failed, "status",
                TimeSpan.FromMilliseconds(random.Next(1, 5000)),
                failed && random.Next(5) > 0 ? Types[random.Next(Types.Length)] : null,
                random.Next(4) > 0 ? "r" + random.Next(40) : null);
            observations.Add(observation);
            series.Record(observation);
        }

        for (var check = 0; check < 3; check++)
        {
            var now = latest.AddTicks(random.NextInt64((long)(window.Ticks * 1.2)));
            var width = WindowWidths.For(window, resolution.Ticks);
            var (first, last) = WindowWidths.Range(now.UtcTicks, window, width);
            var inside = observations.Where(o => o.Timestamp.UtcTicks / width >= first && o.Timestamp.UtcTicks / width <= last).ToList();
            for (var f = 0; f < filters.Length; f++)
            {
                var counted = inside.Where(o => !o.Success && filterOf[f](o.ErrorType ?? o.Reason!)).ToList();
                Assert.Equal(new WindowCounts(inside.Count, counted.Count), series.Counts(window, now.UtcTicks, filters[f]));
                Assert.Equal(
                    counted.Where(o => o.RestaurantId is not null).Select(o => o.RestaurantId).Distinct().Count(),
                    series.DistinctRestaurants(window, now.UtcTicks, filters[f]));
            }

            var naiveTypes = inside.Where(o => !o.Success).GroupBy(o => o.ErrorType ?? o.Reason!)
                .ToDictionary(g => g.Key, g => (long)g.Count());
            foreach (var (type, value) in series.TopErrorTypes(window, now.UtcTicks, 0, 10))
            {
                Assert.Equal(naiveTypes[type], value);
            }

            var histogram = new long[LatencyBuckets.Count];
            foreach (var o in inside)
            {
                histogram[LatencyBuckets.IndexOf(o.Latency)]++;
            }

            Assert.Equal((LatencyBuckets.Quantile(histogram, 0.9), (long)inside.Count), series.LatencyQuantile(window, now.UtcTicks, 0.9));
        }
    }
}
