using System.Reflection;

namespace Monitor;

/// <summary>The version of this build, as every part of the daemon reports it.</summary>
internal static class BuildVersion
{
    public static string Value { get; } =
        typeof(BuildVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
}
