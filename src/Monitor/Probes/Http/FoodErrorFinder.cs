using System.Text.Json;

namespace Monitor.Probes.Http;

/// <summary>Collects the <c>foodOrderErrors[].error</c> types of any FoodErrorExtension in a JSON answer.</summary>
internal static class FoodErrorFinder
{
    /// <summary>Checkout and SubmitOrder answers nest the extension a few levels down; nothing real goes deeper.</summary>
    private const int MaxDepth = 32;

    public static List<string> Find(JsonElement root)
    {
        var types = new List<string>();
        Walk(root, types, 0);
        return types;
    }

    private static void Walk(JsonElement element, List<string> types, int depth)
    {
        if (depth > MaxDepth)
        {
            return;
        }

        if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                Walk(item, types, depth + 1);
            }

            return;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (property.NameEquals("foodOrderErrors") && property.Value.ValueKind == JsonValueKind.Array)
            {
                foreach (var error in property.Value.EnumerateArray())
                {
                    if (error.ValueKind == JsonValueKind.Object && error.TryGetProperty("error", out var type)
                        && type.ValueKind == JsonValueKind.String && type.GetString() is { Length: > 0 } name)
                    {
                        types.Add(name.Length > FoodErrorTypes.MaxLength ? name[..FoodErrorTypes.MaxLength] : name);
                    }
                }
            }
            else
            {
                Walk(property.Value, types, depth + 1);
            }
        }
    }
}
