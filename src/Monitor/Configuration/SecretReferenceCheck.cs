using Microsoft.Extensions.Configuration;

namespace Monitor.Configuration;

/// <summary>
/// Reports every <c>${env:NAME}</c> whose variable is unset or empty and every <c>${file:PATH}</c> whose file is
/// missing, naming the variable or file: otherwise the value is empty at run time, and what follows (a 401 from the
/// partner, a length check on an empty token) hides why.
/// </summary>
internal static class SecretReferenceCheck
{
    public static void Check(IConfiguration section, ICollection<ConfigError> errors)
    {
        foreach (var (key, value) in section.AsEnumerable())
        {
            if (value is null || !value.EndsWith('}'))
            {
                continue;
            }

            if (value.StartsWith("${env:", StringComparison.Ordinal))
            {
                var name = value[6..^1];
                if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(name)))
                {
                    errors.Add(new ConfigError(key, $"refers to the environment variable {name}, which is not set (or empty)"));
                }
            }
            else if (value.StartsWith("${file:", StringComparison.Ordinal))
            {
                var path = value[7..^1];
                if (!File.Exists(path))
                {
                    errors.Add(new ConfigError(key, $"refers to the file {path}, which does not exist"));
                }
            }
        }
    }
}
