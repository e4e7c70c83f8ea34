using System.Globalization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Configuration;

namespace Monitor.Configuration;

/// <summary>
/// Checks the shape of the raw configuration before binding: keys that no option reads (a misspelt
/// key would otherwise silently keep its default) and values that cannot convert to the option's
/// type. Every problem is reported, not just the first one the binder would throw on. The option
/// types are walked through their compiled JSON contract (<see cref="OptionsJson"/>), which a native
/// build keeps, rather than through reflection, which it trims.
/// </summary>
internal static class ConfigShapeChecker
{
    public static void Check(IConfigurationSection section, JsonTypeInfo type, List<ConfigError> errors)
    {
        foreach (var child in section.GetChildren())
        {
            CheckChild(child, type, errors);
        }
    }

    private static void CheckChild(IConfigurationSection child, JsonTypeInfo type, List<ConfigError> errors)
    {
        var property = type.Properties.FirstOrDefault(p => string.Equals(p.Name, child.Key, StringComparison.OrdinalIgnoreCase));
        if (property is null)
        {
            errors.Add(new ConfigError(child.Path, $"unknown key '{child.Key}' (known: {string.Join(", ", KnownKeys(type))})"));
            return;
        }

        CheckValue(child, property.PropertyType, errors);
    }

    private static void CheckValue(IConfigurationSection section, Type type, List<ConfigError> errors)
    {
        if (IsScalar(type))
        {
            CheckScalar(section, type, errors);
            return;
        }

        var info = OptionsJson.Default.GetTypeInfo(type);
        switch (info?.Kind)
        {
            case JsonTypeInfoKind.Dictionary:
                foreach (var entry in section.GetChildren())
                {
                    CheckValue(entry, info.ElementType!, errors);
                }

                return;
            case JsonTypeInfoKind.Enumerable:
                foreach (var item in section.GetChildren())
                {
                    if (!int.TryParse(item.Key, NumberStyles.None, CultureInfo.InvariantCulture, out _))
                    {
                        errors.Add(new ConfigError(item.Path, "expected a list here"));
                        continue;
                    }

                    CheckValue(item, info.ElementType!, errors);
                }

                return;
            case JsonTypeInfoKind.Object:
                Check(section, info, errors);
                return;
            default:
                // A value the binder converts itself (a TimeSpan, a Uri): one value, whose text is not checked here.
                CheckScalar(section, type, errors);
                return;
        }
    }

    private static void CheckScalar(IConfigurationSection section, Type type, List<ConfigError> errors)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (section.Value is null)
        {
            if (section.GetChildren().Any())
            {
                errors.Add(new ConfigError(section.Path, "expected a single value, found a list or a map"));
            }

            return;
        }

        if (t == typeof(string) || (section.Value.Length == 0 && Nullable.GetUnderlyingType(type) is not null))
        {
            return;
        }

        if (!Converts(section.Value, t))
        {
            var expected = t == typeof(bool) ? "true or false" : IsWholeNumber(t) ? "a whole number" : t.IsEnum ? OneOf(t) : "a number";
            errors.Add(new ConfigError(section.Path, $"'{section.Value}' is not {expected}"));
        }
    }

    /// <summary>Whether the binder can convert the text: the same parsing as its compiled form (invariant culture).</summary>
    private static bool Converts(string value, Type t)
    {
        var invariant = CultureInfo.InvariantCulture;
        if (t.IsEnum)
        {
            return Enum.TryParse(t, value, ignoreCase: true, out _);
        }

        return Type.GetTypeCode(t) switch
        {
            TypeCode.Boolean => bool.TryParse(value, out _),
            TypeCode.Char => value.Length == 1,
            TypeCode.SByte => sbyte.TryParse(value, NumberStyles.Integer, invariant, out _),
            TypeCode.Byte => byte.TryParse(value, NumberStyles.Integer, invariant, out _),
            TypeCode.Int16 => short.TryParse(value, NumberStyles.Integer, invariant, out _),
            TypeCode.UInt16 => ushort.TryParse(value, NumberStyles.Integer, invariant, out _),
            TypeCode.Int32 => int.TryParse(value, NumberStyles.Integer, invariant, out _),
            TypeCode.UInt32 => uint.TryParse(value, NumberStyles.Integer, invariant, out _),
            TypeCode.Int64 => long.TryParse(value, NumberStyles.Integer, invariant, out _),
            TypeCode.UInt64 => ulong.TryParse(value, NumberStyles.Integer, invariant, out _),
            TypeCode.Single => float.TryParse(value, NumberStyles.Float | NumberStyles.AllowThousands, invariant, out _),
            TypeCode.Double => double.TryParse(value, NumberStyles.Float | NumberStyles.AllowThousands, invariant, out _),
            TypeCode.Decimal => decimal.TryParse(value, NumberStyles.Number, invariant, out _),
            _ => true, // strings, and the values the binder converts itself
        };
    }

    private static bool IsWholeNumber(Type t) => Type.GetTypeCode(t) is >= TypeCode.SByte and <= TypeCode.UInt64 && !t.IsEnum;

    private static string OneOf(Type t) => "one of " + string.Join(", ", Enum.GetNames(t).Select(Camel));

    private static bool IsScalar(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal);
    }

    private static IEnumerable<string> KnownKeys(JsonTypeInfo type) => type.Properties.Select(p => Camel(p.Name));

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
