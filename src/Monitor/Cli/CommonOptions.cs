using System.CommandLine;
using Monitor.Configuration;

namespace Monitor.Cli;

/// <summary>Options shared by every subcommand, and how commands load the configuration.</summary>
internal static class CommonOptions
{
    public static readonly Option<string> Config = new("--config", "-c")
    {
        Description = $"The YAML configuration file (default {ConfigLoader.DefaultPath}). Environment variables override any value: MONITOR__SMTP__PASSWORD sets monitor:smtp:password.",
        DefaultValueFactory = _ => ConfigLoader.DefaultPath,
        Recursive = true,
    };

    /// <summary>Loads the configuration, or prints every problem and returns null.</summary>
    /// <param name="result">The parsed command line: its <c>--config</c> and its error writer.</param>
    /// <param name="overrides">Values that win over the file and the environment.</param>
    /// <param name="defaultPath">The file to use when <c>--config</c> is not given (default <see cref="ConfigLoader.DefaultPath"/>).</param>
    public static LoadedConfig? Load(
        ParseResult result, IEnumerable<KeyValuePair<string, string?>>? overrides = null, string defaultPath = ConfigLoader.DefaultPath)
    {
        var given = result.GetResult(Config);
        var implicitPath = given is null || given.Implicit;
        var path = implicitPath ? defaultPath : result.GetValue(Config) ?? defaultPath;
        // Only the demo falls back on a config shipped beside the program: any other command that found no file here
        // would otherwise run the shipped example's targets.
        if (implicitPath && defaultPath == DemoCommand.DemoConfigPath)
        {
            path = ResolveShippedPath(path);
        }

        try
        {
            return ConfigLoader.Load(path, overrides);
        }
        catch (ConfigurationException e)
        {
            var error = result.InvocationConfiguration.Error;
            error.WriteLine($"monitor: configuration '{path}' is invalid ({e.Errors.Count} problem{(e.Errors.Count == 1 ? "" : "s")}):");
            foreach (var problem in e.Errors)
            {
                error.WriteLine($"  {problem}");
            }

            return null;
        }
    }

    /// <summary>A relative path that does not exist here is looked up beside the program, where the shipped configs are copied.</summary>
    public static string ResolveShippedPath(string path)
    {
        if (Path.IsPathRooted(path) || File.Exists(path))
        {
            return path;
        }

        var shipped = Path.Combine(AppContext.BaseDirectory, path);
        return File.Exists(shipped) ? shipped : path;
    }
}
