namespace Monitor.Cli;

/// <summary>Process exit codes, the same for every subcommand.</summary>
internal static class ExitCodes
{
    /// <summary>Everything worked and every check passed.</summary>
    public const int Ok = 0;

    /// <summary>
    /// The command ran, and what it checked failed (a probe failed, a feed would trip Google's thresholds); for
    /// <c>run</c>, the daemon could not start or stopped on an error (its store unreachable, another daemon on its database).
    /// </summary>
    public const int CheckFailed = 1;

    /// <summary>The configuration or the input is unusable; nothing ran.</summary>
    public const int BadInput = 2;

    /// <summary>Help text for the root command.</summary>
    public const string Help = "Exit codes: 0 ok; 1 a check failed (probe failed, thresholds crossed) or the daemon could not run; 2 bad configuration or input.";
}
