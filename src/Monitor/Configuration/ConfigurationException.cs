namespace Monitor.Configuration;

/// <summary>The configuration could not be loaded or is invalid; carries every problem found.</summary>
internal sealed class ConfigurationException : Exception
{
    public ConfigurationException(IReadOnlyList<ConfigError> errors)
        : base("The configuration is invalid:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  " + e)))
    {
        Errors = errors;
    }

    public ConfigurationException()
        : this([])
    {
    }

    public ConfigurationException(string message)
        : base(message)
    {
        Errors = [new ConfigError("config", message)];
    }

    public ConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [new ConfigError("config", message)];
    }

    public IReadOnlyList<ConfigError> Errors { get; } = [];
}
