using System.CommandLine;

namespace Monitor.Cli;

internal static class VersionCommand
{
    public static string Version => BuildVersion.Value;

    public static Command Create()
    {
        var command = new Command("version", "Print the version and exit.");
        command.SetAction(result =>
        {
            result.InvocationConfiguration.Output.WriteLine($"monitor {Version}");
            result.InvocationConfiguration.Output.WriteLine(Runtime());
            return 0;
        });
        return command;
    }

    /// <summary>
    /// The runtime and the GC settings in force, as the GC reports them: whether the settings the native build carries
    /// (or the environment gives) were read shows here, as <c>1 MiB regions</c> and <c>conserve memory 7</c>.
    /// </summary>
    public static string Runtime()
    {
        var gc = GC.GetConfigurationVariables();
        var kind = System.Runtime.GCSettings.IsServerGC ? "server" : "workstation";
        var concurrent = gc.TryGetValue("ConcurrentGC", out var c) && c is true ? "concurrent" : "non-concurrent";
        var region = gc.TryGetValue("GCRegionSize", out var r) ? Convert.ToInt64(r, System.Globalization.CultureInfo.InvariantCulture) : 0;
        var conserve = gc.TryGetValue("GCConserveMem", out var m) ? Convert.ToInt64(m, System.Globalization.CultureInfo.InvariantCulture) : 0;
        var regions = region > 0 ? $"{region / (1024 * 1024)} MiB regions" : "default regions";
        return $"runtime: {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}; "
            + $"GC: {kind}, {concurrent}, {regions}, conserve memory {conserve}";
    }
}
