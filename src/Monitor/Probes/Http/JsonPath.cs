using System.Globalization;
using System.Text.Json;

namespace Monitor.Probes.Http;

/// <summary>
/// A small JSON path: <c>$</c> followed by <c>.name</c>, <c>['name']</c> and <c>[index]</c> steps, for example
/// <c>$.a.b[0].c</c>. No wildcards or filters: a check names one value.
/// </summary>
internal sealed class JsonPath
{
    private readonly object[] _steps;

    private JsonPath(string text, object[] steps)
    {
        Text = text;
        _steps = steps;
    }

    public string Text { get; }

    public static bool TryParse(string? text, out JsonPath path, out string error)
    {
        path = new JsonPath("$", []);
        error = "";
        if (string.IsNullOrEmpty(text) || text[0] != '$')
        {
            error = "must start with $ (example: $.a.b[0].c)";
            return false;
        }

        var steps = new List<object>();
        var i = 1;
        while (i < text.Length)
        {
            if (text[i] == '.')
            {
                var end = i + 1;
                while (end < text.Length && text[end] is not ('.' or '['))
                {
                    end++;
                }

                if (end == i + 1)
                {
                    error = $"empty name at position {i + 1}";
                    return false;
                }

                steps.Add(text[(i + 1)..end]);
                i = end;
            }
            else if (text[i] == '[' && i + 1 < text.Length && text[i + 1] == '\'')
            {
                var close = text.IndexOf("']", i + 2, StringComparison.Ordinal);
                if (close < 0)
                {
                    error = $"unclosed ['name'] at position {i + 1}";
                    return false;
                }

                steps.Add(text[(i + 2)..close]);
                i = close + 2;
            }
            else if (text[i] == '[')
            {
                var close = text.IndexOf(']', i + 1);
                if (close < 0 || !int.TryParse(text.AsSpan(i + 1, close - i - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                {
                    error = $"expected [index] or ['name'] at position {i + 1}";
                    return false;
                }

                steps.Add(index);
                i = close + 1;
            }
            else
            {
                error = $"unexpected '{text[i]}' at position {i + 1}";
                return false;
            }
        }

        path = new JsonPath(text, [.. steps]);
        return true;
    }

    /// <summary>Finds the value the path names, if it exists.</summary>
    public bool TryFind(JsonElement root, out JsonElement value)
    {
        value = root;
        foreach (var step in _steps)
        {
            if (step is string name)
            {
                if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty(name, out value))
                {
                    return false;
                }
            }
            else if (value.ValueKind != JsonValueKind.Array || (int)step >= value.GetArrayLength())
            {
                return false;
            }
            else
            {
                value = value[(int)step];
            }
        }

        return true;
    }

    /// <summary>Whether a JSON value equals a value written in the config file.</summary>
    public static bool ValueEquals(JsonElement value, string expected) => value.ValueKind switch
    {
        JsonValueKind.String => string.Equals(value.GetString(), expected, StringComparison.Ordinal),
        JsonValueKind.Number => decimal.TryParse(expected, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            && value.TryGetDecimal(out var actual) && actual == number,
        JsonValueKind.True => string.Equals(expected, "true", StringComparison.OrdinalIgnoreCase),
        JsonValueKind.False => string.Equals(expected, "false", StringComparison.OrdinalIgnoreCase),
        JsonValueKind.Null => string.Equals(expected, "null", StringComparison.OrdinalIgnoreCase),
        _ => string.Equals(value.GetRawText(), expected, StringComparison.Ordinal),
    };
}
