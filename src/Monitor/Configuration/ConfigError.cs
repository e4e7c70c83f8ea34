namespace Monitor.Configuration;

/// <summary>One problem in the configuration: where (a config path such as <c>monitor:rules:2:window</c>) and why.</summary>
internal readonly record struct ConfigError(string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";

    /// <summary>Reads a "path: message" line as produced by the rule mapping.</summary>
    public static ConfigError Parse(string line)
    {
        var split = line.IndexOf(": ", StringComparison.Ordinal);
        return split < 0 ? new ConfigError("monitor:rules", line) : new ConfigError(line[..split], line[(split + 2)..]);
    }
}
