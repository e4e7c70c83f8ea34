namespace Monitor.Configuration;

/// <summary>One problem in the configuration: where (a config path such as <c>monitor:rules:2:window</c>) and why.</summary>
internal readonly record struct ConfigError(string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}
