using System.CommandLine;
using System.Reflection;

namespace Monitor.Cli;

internal static class VersionCommand
{
    public static string Version =>
        typeof(VersionCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? "0.0.0";

    public static Command Create()
    {
        var command = new Command("version", "Print the version and exit.");
        command.SetAction(result =>
        {
            result.InvocationConfiguration.Output.WriteLine($"monitor {Version}");
            return 0;
        });
        return command;
    }
}
