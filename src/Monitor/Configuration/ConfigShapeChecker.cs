using System.Collections;
using System.ComponentModel;
using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace Monitor.Configuration;

/// <summary>
/// Checks the shape of the raw configuration before binding: keys that no option reads (a misspelt
/// key would otherwise silently keep its default) and values that cannot convert to the option's
/// type. Every problem is reported, not just the first one the binder would throw on.
/// </summary>
internal static class ConfigShapeChecker
{
    public static void Check(IConfigurationSection section, Type type, List<ConfigError> errors)
    {
        foreach (var child in section.GetChildren())
        {
            CheckChild(child, type, errors);
        }
    }

    private static void CheckChild(IConfigurationSection child, Type type, List<ConfigError> errors)
    {
        var property = type.GetProperty(child.Key, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
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

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>))
        {
            var valueType = type.GetGenericArguments()[1];
            foreach (var entry in section.GetChildren())
            {
                CheckValue(entry, valueType, errors);
            }

            return;
        }

        if (type.IsGenericType && typeof(IEnumerable).IsAssignableFrom(type))
        {
            var itemType = type.GetGenericArguments()[0];
            foreach (var item in section.GetChildren())
            {
                if (!int.TryParse(item.Key, out _))
                {
                    errors.Add(new ConfigError(item.Path, "expected a list here"));
                    continue;
                }

                CheckValue(item, itemType, errors);
            }

            return;
        }

        Check(section, type, errors);
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

        try
        {
            TypeDescriptor.GetConverter(t).ConvertFromInvariantString(section.Value);
        }
        catch (Exception e) when (e is FormatException or NotSupportedException or ArgumentException or OverflowException)
        {
            var expected = t == typeof(bool) ? "true or false" : t == typeof(int) || t == typeof(long) ? "a whole number" : "a number";
            errors.Add(new ConfigError(section.Path, $"'{section.Value}' is not {expected}"));
        }
    }

    private static bool IsScalar(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal);
    }

    private static IEnumerable<string> KnownKeys(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => char.ToLowerInvariant(p.Name[0]) + p.Name[1..]);
}
