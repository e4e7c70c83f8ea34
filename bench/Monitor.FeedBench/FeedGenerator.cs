using System.Globalization;
using System.Text;

namespace Monitor.FeedBench;

/// <summary>
/// Writes a synthetic Ordering End-to-End feed: per restaurant, delivery and takeout services with
/// area, hours and fee, a menu with sections, items, offers and an option. Defects and stale
/// dates are sprinkled in at the configured shares, reproducibly from the seed.
/// </summary>
internal sealed class FeedGenerator(GeneratorOptions options)
{
    private const int Sections = 3;
    private const int ItemsPerSection = 5;

    private static readonly string[] Dishes =
    [
        "Margherita", "Quattro Formaggi", "Diavola", "Caesar Salad", "Tiramisu", "Lemonade", "Pad Thai",
        "Green Curry", "Spring Rolls", "Falafel Wrap", "Ramen", "Gyoza", "Burrito", "Nachos", "Cheesecake",
    ];

    private readonly Random _random = new(options.Seed);
    private readonly StringBuilder _line = new(512);
    private readonly string _fresh = Date(options.Now.AddHours(-1));
    private readonly string _stale = Date(options.Now.AddDays(-5));
    private readonly Dictionary<string, string> _lastIdOfType = [];

    public long Entities { get; private set; }

    public long Defects { get; private set; }

    public long StaleEntities { get; private set; }

    public void Write(TextWriter w, Func<long> bytesWritten)
    {
        var limit = (long)(options.SizeMb * 1_000_000);
        for (var r = 0; options.Restaurants is { } n ? r < n : bytesWritten() < limit; r++)
        {
            WriteRestaurant(w, r);
        }
    }

    private void WriteRestaurant(TextWriter w, int r)
    {
        var rid = $"restaurant-{r}";
        var lat = (37.0 + _random.NextDouble()).ToString("F6", CultureInfo.InvariantCulture);
        var lng = (-122.5 + _random.NextDouble()).ToString("F6", CultureInfo.InvariantCulture);
        Emit(w, "Restaurant", rid,
            $"\"name\":\"Restaurant {r}\",\"url\":\"https://partner.example/r/{r}\",\"telephone\":\"+1650555{r % 10000:D4}\"," +
            $"\"streetAddress\":\"{r % 9000 + 100} Example Avenue\",\"addressLocality\":\"Palo Alto\",\"addressRegion\":\"CA\"," +
            $"\"postalCode\":\"94301\",\"addressCountry\":\"US\",\"latitude\":{lat},\"longitude\":{lng}");
        var menu = $"menu-{r}";
        foreach (var kind in (ReadOnlySpan<string>)["DELIVERY", "TAKEOUT"])
        {
            var sid = $"service-{r}-{kind}";
            Emit(w, "Service", sid, $"\"serviceType\":\"{kind}\",\"restaurantId\":\"{rid}\",\"menuId\":\"{menu}\"");
            if (kind == "DELIVERY")
            {
                Emit(w, "ServiceArea", $"area-{r}", $"\"serviceId\":\"{sid}\",\"geoMidpointLatitude\":{lat},\"geoMidpointLongitude\":{lng},\"geoRadius\":5000");
                Emit(w, "ServiceHours", $"hours-{r}",
                    $"\"orderType\":\"ASAP\",\"serviceId\":\"{sid}\",\"opens\":\"T11:00:00-08:00\",\"closes\":\"T22:00:00-08:00\",\"dayOfWeek\":[\"MONDAY\",\"TUESDAY\",\"WEDNESDAY\",\"THURSDAY\",\"FRIDAY\"]");
                Emit(w, "Fee", $"fee-{r}", $"\"serviceId\":\"{sid}\",\"feeType\":\"DELIVERY\",\"price\":2.99,\"priceCurrency\":\"USD\"");
            }
        }

        Emit(w, "Menu", menu, $"\"restaurantId\":\"{rid}\",\"name\":\"Menu of restaurant {r}\"");
        for (var s = 0; s < Sections; s++)
        {
            var section = $"section-{r}-{s}";
            Emit(w, "MenuSection", section, $"\"menuId\":{{\"@id\":\"{menu}\",\"displayOrder\":{s}}},\"name\":\"Section {s}\"");
            for (var i = 0; i < ItemsPerSection; i++)
            {
                var item = $"item-{r}-{s}-{i}";
                var dish = Dishes[_random.Next(Dishes.Length)];
                Emit(w, "MenuItem", item,
                    $"\"name\":\"{dish}\",\"description\":\"House {dish.ToLowerInvariant()}, made to order.\",\"parentMenuSectionId\":{{\"@id\":\"{section}\",\"displayOrder\":{i}}}");
                var price = (5 + _random.Next(2500) / 100.0).ToString("F2", CultureInfo.InvariantCulture);
                Emit(w, "MenuItemOffer", $"offer-{r}-{s}-{i}", $"\"sku\":\"sku-{r}-{s}-{i}\",\"menuItemId\":\"{item}\",\"price\":{price},\"priceCurrency\":\"USD\"");
            }
        }

        Emit(w, "MenuItemOption", $"option-{r}", $"\"menuItemId\":\"item-{r}-0-0\",\"optionType\":\"SIZE\",\"value\":\"Large\"");
    }

    private void Emit(TextWriter w, string type, string id, string body)
    {
        Entities++;
        var stale = _random.NextDouble() < options.StaleShare;
        if (stale)
        {
            StaleEntities++;
        }

        _line.Clear();
        _line.Append("{\"@type\":\"").Append(type).Append("\",\"@id\":\"").Append(id).Append("\",").Append(body)
            .Append(",\"dateModified\":\"").Append(stale ? _stale : _fresh).Append("\"}");
        if (_random.NextDouble() < options.DefectShare)
        {
            Defects++;
            Defect.Apply(_line, _random.Next(Defect.Kinds), type, _lastIdOfType.GetValueOrDefault(type, "none"));
        }

        _lastIdOfType[type] = id;
        w.Write(_line);
        w.Write('\n');
    }

    private static string Date(DateTimeOffset t) => t.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);
}
