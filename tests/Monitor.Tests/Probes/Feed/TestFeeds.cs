using System.Text;
using Microsoft.Extensions.Time.Testing;
using Monitor.Probes.Feed;
using Monitor.Probes.Feed.Sources;
using Monitor.Probes.Feed.Validation;

namespace Monitor.Tests.Probes.Feed;

/// <summary>Builds small valid feeds and runs the validator over them.</summary>
internal static class TestFeeds
{
    public static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    public const string Fresh = "2026-11-28T10:00:00+00:00";
    public const string Old = "2026-11-20T10:00:00+00:00";

    /// <summary>Eleven lines per restaurant, every type with a parent pointing at it.</summary>
    public static List<string> ValidLines(int restaurants, string dateModified = Fresh)
    {
        var lines = new List<string>();
        for (var r = 0; r < restaurants; r++)
        {
            var d = $"\"dateModified\":\"{dateModified}\"";
            lines.Add($"{{\"@type\":\"Restaurant\",\"@id\":\"r{r}\",\"name\":\"R {r}\",\"streetAddress\":\"{r} Main St\",\"addressLocality\":\"Palo Alto\",\"addressRegion\":\"CA\",\"postalCode\":\"94301\",\"addressCountry\":\"US\",\"latitude\":\"37.4\",\"longitude\":-122.1,{d}}}");
            lines.Add($"{{\"@type\":\"Service\",\"@id\":\"s{r}\",\"serviceType\":\"DELIVERY\",\"restaurantId\":\"r{r}\",\"menuId\":\"m{r}\",{d}}}");
            lines.Add($"{{\"@type\":\"ServiceArea\",\"@id\":\"a{r}\",\"serviceId\":\"s{r}\",\"polygon\":[\"1 2 3 4 5 6\"],{d}}}");
            lines.Add($"{{\"@type\":\"ServiceHours\",\"@id\":\"h{r}\",\"orderType\":\"ASAP\",\"serviceId\":\"s{r}\",\"opens\":\"T10:00:00+00:00\",{d}}}");
            lines.Add($"{{\"@type\":\"Fee\",\"@id\":\"f{r}\",\"serviceId\":\"s{r}\",\"feeType\":\"DELIVERY\",\"priceCurrency\":\"USD\",\"price\":1.5,{d}}}");
            lines.Add($"{{\"@type\":\"Menu\",\"@id\":\"m{r}\",\"restaurantId\":\"r{r}\",{d}}}");
            lines.Add($"{{\"@type\":\"MenuSection\",\"@id\":\"ms{r}\",\"menuId\":{{\"@id\":\"m{r}\",\"displayOrder\":1}},\"name\":\"Pizza\",{d}}}");
            lines.Add($"{{\"@type\":\"MenuItem\",\"@id\":\"mi{r}\",\"name\":\"Margherita\",\"parentMenuSectionId\":[{{\"@id\":\"ms{r}\",\"displayOrder\":1}}],{d}}}");
            lines.Add($"{{\"@type\":\"MenuItemOffer\",\"@id\":\"mo{r}\",\"sku\":\"sku{r}\",\"menuItemId\":\"mi{r}\",\"price\":12.5,\"priceCurrency\":\"EUR\",{d}}}");
            lines.Add($"{{\"@type\":\"MenuItemOption\",\"@id\":\"mio{r}\",\"menuItemId\":\"mi{r}\",\"value\":\"Large\",{d}}}");
            lines.Add($"{{\"@type\":\"OperationHours\",\"@id\":\"oh{r}\",\"serviceId\":\"s{r}\",\"opens\":\"T08:00:00+00:00\",{d}}}");
        }

        return lines;
    }

    public static byte[] Bytes(IEnumerable<string> lines) => Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n");

    public static FeedSnapshot Snapshot(byte[] content, string name = "feed.ndjson", DateTimeOffset? feedTime = null) =>
        new(name, [new FeedFile(name, _ => Task.FromResult<Stream>(new MemoryStream(content, writable: false)))], feedTime, feedTime is null ? null : "marker");

    public static Task<FeedReport> ValidateAsync(byte[] content, FeedValidationSettings? settings = null, TimeProvider? time = null) =>
        new FeedValidator(time ?? new FakeTimeProvider(Now)).ValidateAsync(
            Snapshot(content), settings ?? new FeedValidationSettings(), null, CancellationToken.None);

    public static Task<FeedReport> ValidateAsync(IEnumerable<string> lines, FeedValidationSettings? settings = null) =>
        ValidateAsync(Bytes(lines), settings);

    public static FeedTypeSummary Type(this FeedReport report, string type) => report.Types.Single(t => t.Type == type);

    /// <summary>Runs <c>validate-feed ARGS</c> on a fake clock at <paramref name="now"/>, capturing both outputs.</summary>
    public static async Task<(int Code, string Output, string Error)> RunValidateFeedAsync(DateTimeOffset now, params string[] args)
    {
        var root = new System.CommandLine.RootCommand { Monitor.Cli.ValidateFeedCommand.Create(new FakeTimeProvider(now)) };
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await root.Parse(["validate-feed", .. args]).InvokeAsync(new System.CommandLine.InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }
}

/// <summary>A temporary folder removed when the test ends.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "monitor-feed-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Write(string name, byte[] content)
    {
        var path = System.IO.Path.Combine(Path, name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
        return path;
    }

    public string Write(string name, string content) => Write(name, Encoding.UTF8.GetBytes(content));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
