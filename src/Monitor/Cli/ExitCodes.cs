namespace Monitor.Cli;

/// <summary>Process exit codes, the same for every subcommand.</summary>
internal static class ExitCodes
{
    /// <summary>Everything worked and every check passed.</summary>
    public const int Ok = 0;

    /// <summary>The command ran, and what it checked failed (a probe failed, a feed would trip Google's thresholds).</summary>
    public const int CheckFailed = 1;

    /// <summary>The configuration or the input is unusable; nothing ran.</summary>
    public const int BadInput = 2;

    /// <summary>Help text for the root command.</summary>
    public const string Help = "Exit codes: 0 ok; 1 a check failed (probe failed, thresholds crossed); 2 bad configuration or input.";
}
