using System.CommandLine;
using Monitor.RuleTesting;

namespace Monitor.Cli;

/// <summary><c>monitor test-rules FILE...</c>: unit tests for alert rules, in the manner of <c>promtool test rules</c>.</summary>
internal static class TestRulesCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("files")
        {
            Description = "Rule test files (YAML).",
            Arity = ArgumentArity.OneOrMore,
        };
        var command = new Command("test-rules", "Replay input series through rules and check the alerts expected at given times; exit 0 only if all pass.");
        command.Arguments.Add(files);
        command.SetAction(result =>
            RuleTestCommandRunner.Run(result.GetValue(files) ?? [], result.InvocationConfiguration.Output));
        return command;
    }
}
