using System.Collections;
using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace Monitor.Configuration;

/// <summary>
/// Finds keys in the configuration that no option reads, so that a misspelt key is reported
/// instead of silently keeping its default.
/// </summary>
internal static class UnknownKeyChecker
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

    private static bool IsScalar(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal);
    }

    private static IEnumerable<string> KnownKeys(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => char.ToLowerInvariant(p.Name[0]) + p.Name[1..]);
}
