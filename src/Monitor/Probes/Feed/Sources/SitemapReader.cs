using System.Globalization;
using System.Runtime.CompilerServices;
using System.Xml;

namespace Monitor.Probes.Feed.Sources;

/// <summary>Streams the <c>loc</c> and <c>lastmod</c> of each <c>url</c> or <c>sitemap</c> entry of a sitemap.</summary>
internal static class SitemapReader
{
    public static async IAsyncEnumerable<(string Loc, DateTimeOffset? LastMod)> ReadAsync(
        Stream body, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var settings = new XmlReaderSettings
        {
            Async = true,
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreWhitespace = true,
        };
        using var xml = XmlReader.Create(body, settings);
        string? loc = null;
        DateTimeOffset? lastmod = null;
        var more = await Guard(xml.ReadAsync());
        while (more)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var isEntry = xml.LocalName is "url" or "sitemap";
            if (xml.NodeType == XmlNodeType.Element && xml.LocalName is "loc" or "lastmod")
            {
                // Reading the content leaves the reader on the node after the element.
                var name = xml.LocalName;
                var text = (await Guard(xml.ReadElementContentAsStringAsync())).Trim();
                if (name == "loc")
                {
                    loc = text;
                }
                else
                {
                    lastmod = DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)
                        ? t
                        : null;
                }

                more = !xml.EOF;
                continue;
            }

            if (isEntry && xml.NodeType == XmlNodeType.Element)
            {
                (loc, lastmod) = (null, null);
            }
            else if (isEntry && xml.NodeType == XmlNodeType.EndElement && loc is { Length: > 0 })
            {
                yield return (loc, lastmod);
                loc = null;
            }

            more = await Guard(xml.ReadAsync());
        }
    }

    private static async Task<T> Guard<T>(Task<T> step)
    {
        try
        {
            return await step;
        }
        catch (XmlException e)
        {
            throw new FeedSourceException("unreachable", $"the sitemap is not valid XML: {e.Message}", e);
        }
    }
}
