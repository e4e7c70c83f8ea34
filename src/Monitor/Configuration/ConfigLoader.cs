using Microsoft.Extensions.Configuration;

namespace Monitor.Configuration;

/// <summary>A configuration that loaded and validated.</summary>
/// <param name="Options">The bound options.</param>
/// <param name="Configuration">The raw configuration (YAML, then environment, then overrides).</param>
/// <param name="ConfigPath">Full path of the config file.</param>
internal sealed record LoadedConfig(MonitorOptions Options, IConfigurationRoot Configuration, string ConfigPath)
{
    /// <summary>Folder of the config file: relative paths in the file are resolved against it.</summary>
    public string ConfigDirectory => Path.GetDirectoryName(ConfigPath) ?? ".";

    /// <summary>The values given on top of the file and the environment (the demo's, a test's); a reload applies them again.</summary>
    public IReadOnlyList<KeyValuePair<string, string?>> Overrides { get; init; } = [];
}

/// <summary>Reads the YAML config file, applies environment overrides, binds and validates.</summary>
internal static class ConfigLoader
{
    /// <summary>The config file used when none is given.</summary>
    public const string DefaultPath = "config/monitor.yaml";

    /// <summary>Loads and validates; throws <see cref="ConfigurationException"/> listing every problem.</summary>
    public static LoadedConfig Load(string path, IEnumerable<KeyValuePair<string, string?>>? overrides = null)
    {
        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            throw new ConfigurationException([new ConfigError("config", $"file '{fullPath}' does not exist")]);
        }

        // Parse once with YamlDotNet directly: its errors carry the line and column, which the
        // configuration provider's wrapper loses.
        try
        {
            new YamlDotNet.RepresentationModel.YamlStream().Load(new StringReader(File.ReadAllText(fullPath)));
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            throw new ConfigurationException([new ConfigError("config",
                $"'{fullPath}' is not valid YAML: line {e.Start.Line}, column {e.Start.Column}: {e.Message}")]);
        }
        catch (InvalidOperationException)
        {
            // The YAML scanner gives up this way when the file ends inside an open [ or {.
            throw new ConfigurationException([new ConfigError("config",
                $"'{fullPath}' is not valid YAML: the file ends inside an unclosed [ or {{")]);
        }

        var given = overrides?.ToList() ?? [];
        IConfigurationRoot configuration;
        try
        {
            configuration = new ConfigurationBuilder()
                .AddYamlFile(fullPath, optional: false, reloadOnChange: false)
                // MONITOR__SMTP__PASSWORD overrides monitor:smtp:password.
                .AddEnvironmentVariables()
                .AddInMemoryCollection(given)
                .Build();
        }
        catch (Exception e) when (e is FormatException or InvalidDataException or YamlDotNet.Core.YamlException)
        {
            throw new ConfigurationException([new ConfigError("config", $"'{fullPath}' is not valid YAML: {e.GetBaseException().Message}")]);
        }

        return new LoadedConfig(Bind(configuration, fullPath), configuration, fullPath) { Overrides = given };
    }

    private static MonitorOptions Bind(IConfigurationRoot configuration, string fullPath)
    {
        var errors = new List<ConfigError>();
        var section = configuration.GetSection(MonitorOptions.SectionName);
        if (!section.Exists())
        {
            throw new ConfigurationException([new ConfigError(MonitorOptions.SectionName, "section missing: the file must start with 'monitor:'")]);
        }

        ConfigShapeChecker.Check(section, OptionsJson.Default.MonitorOptions, errors);
        SecretReferenceCheck.Check(section, errors);
        var options = new MonitorOptions();
        try
        {
            section.Bind(options);
        }
        catch (InvalidOperationException e)
        {
            errors.Add(new ConfigError(MonitorOptions.SectionName, e.Message));
        }

        errors.AddRange(MonitorOptionsValidator.Validate(options, Path.GetDirectoryName(fullPath) ?? "."));
        if (errors.Count > 0)
        {
            throw new ConfigurationException(errors);
        }

        return options;
    }
}
