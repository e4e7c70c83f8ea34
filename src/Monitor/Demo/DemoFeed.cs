using System.Globalization;
using System.Text;

namespace Monitor.Demo;

/// <summary>A small, valid inventory feed for the simulated partner.</summary>
internal static class DemoFeed
{
    public static string Build(DateTimeOffset now)
    {
        var modified = now.AddHours(-2).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
        var feed = new StringBuilder();
        for (var i = 1; i <= 5; i++)
        {
            feed.Append(CultureInfo.InvariantCulture,
                $$"""{"@type":"Restaurant","@id":"restaurant-{{i}}","name":"Demo Kitchen {{i}}","url":"https://demo.example/r/{{i}}","telephone":"+1-555-0100","streetAddress":"{{i}} Main St","addressLocality":"Springfield","addressRegion":"IL","postalCode":"62701","addressCountry":"US","latitude":39.78,"longitude":-89.65,"dateModified":"{{modified}}"}""");
            feed.Append('\n');
        }

        return feed.ToString();
    }
}
