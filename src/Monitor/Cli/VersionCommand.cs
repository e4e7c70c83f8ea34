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
            return 0;
        });
        return command;
    }
}
