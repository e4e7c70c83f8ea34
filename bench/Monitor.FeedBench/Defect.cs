namespace Monitor.FeedBench;

/// <summary>The kinds of damage the generator can do to a line, one per defective entity.</summary>
internal static class Defect
{
    public const int Kinds = 8;

    private static readonly (string From, string To)[] SchemaDamage =
    [
        ("\"feeType\":\"DELIVERY\"", "\"feeType\":\"TIP\""),
        ("\"serviceType\":\"TAKEOUT\"", "\"serviceType\":\"DINE_IN\""),
        ("\"addressCountry\":\"US\"", "\"addressCountry\":\"USA\""),
        ("\"opens\":\"T11:00:00-08:00\"", "\"opens\":\"11am\""),
        ("\"priceCurrency\":\"USD\"", "\"priceCurrency\":\"US$\""),
        ("\"optionType\":\"SIZE\"", "\"optionType\":\"COLOR\""),
        ("\"geoRadius\":5000", "\"geoRadius\":-5000"),
    ];

    public static void Apply(System.Text.StringBuilder line, int kind, string type, string previousId)
    {
        switch (kind)
        {
            case 0: // a null where a value belongs
                line.Insert(line.Length - 1, ",\"description\":null");
                break;
            case 1: // cut short, as a failed upload would leave it
                line.Length /= 2;
                break;
            case 2: // a date-time without an offset
                line.Replace("+00:00\"}", "\"}");
                break;
            case 3: // an id used twice within its type
                var start = line.ToString().IndexOf("\"@id\":\"", StringComparison.Ordinal) + 7;
                var end = line.ToString().IndexOf('"', start);
                line.Remove(start, end - start).Insert(start, previousId);
                break;
            case 4: // an id over 300 characters
                line.Replace("\"@id\":\"", "\"@id\":\"" + new string('x', 301));
                break;
            case 5: // a type Google does not know
                line.Replace($"\"@type\":\"{type}\"", "\"@type\":\"Restaurnat\"");
                break;
            case 7: // a value the schema's table refuses: an enum, a code, a format or a range
                var text = line.ToString();
                foreach (var (from, to) in SchemaDamage)
                {
                    if (text.Contains(from, StringComparison.Ordinal))
                    {
                        line.Replace(from, to);
                        return;
                    }
                }

                line.Insert(line.Length - 1, ",\"description\":null");
                break;
            default: // a reference to a parent that is not in the feed
                var before = line.Length;
                line.Replace("\"restaurantId\":\"", "\"restaurantId\":\"gone-")
                    .Replace("\"serviceId\":\"", "\"serviceId\":\"gone-")
                    .Replace("\"menuItemId\":\"", "\"menuItemId\":\"gone-")
                    .Replace("\"parentMenuSectionId\":{\"@id\":\"", "\"parentMenuSectionId\":{\"@id\":\"gone-");
                if (line.Length == before)
                {
                    line.Insert(line.Length - 1, ",\"description\":null");
                }

                break;
        }
    }
}
