namespace Monitor.Configuration;

/// <summary>
/// Config values that point at a secret instead of holding it: <c>${env:NAME}</c> reads an environment
/// variable, <c>${file:PATH}</c> reads a file (trimmed). Anything else is taken as written.
/// </summary>
internal static class SecretValue
{
    public static string Resolve(string value)
    {
        if (value.StartsWith("${env:", StringComparison.Ordinal) && value.EndsWith('}'))
        {
            return Environment.GetEnvironmentVariable(value[6..^1]) ?? "";
        }

        if (value.StartsWith("${file:", StringComparison.Ordinal) && value.EndsWith('}'))
        {
            var path = value[7..^1];
            return File.Exists(path) ? File.ReadAllText(path).Trim() : "";
        }

        return value;
    }
}
