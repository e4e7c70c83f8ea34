using Monitor.Web.Api;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Monitor.Cli;
using Monitor.Configuration;
using Monitor.Incidents;
using Monitor.Rules.Alerts;
using Monitor.Tests.Incidents;
using Monitor.Tests.TestSupport;
using static Monitor.Tests.Incidents.IncidentHarness;

namespace Monitor.Tests.Cli;

/// <summary><c>monitor silence</c> against a real SQLite store in a temp folder, as an on-call engineer runs it beside the daemon.</summary>
public sealed class SilenceCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly string _data;
    private readonly string _config;

    public SilenceCommandTests()
    {
        _data = Path.Combine(_dir.Path, "data");
        _config = _dir.Write("monitor.yaml", $"""
            monitor:
              project: acme
              dataDirectory: "{_data}"
              contacts:
                emergency: [oncall@acme.example]
                technical: [dev@acme.example]
              rules:
                - name: checkout-errors
                  signal: checkout
                  severity: critical
                  category: orders-blocked
            """);
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Add_ThenList_ShowsTheSilence()
    {
        var added = await RunAsync("silence", "add", "--target", "inventory", "--category", "orders-blocked", "--for", "2h", "--reason", "feed migration");

        Assert.Equal(ExitCodes.Ok, added.Code);
        Assert.Matches(@"^silence 1: target=inventory category=orders-blocked until \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ \(2h\)", added.Output);
        var list = await RunAsync("silence", "list");
        Assert.Equal(ExitCodes.Ok, list.Code);
        var line = Assert.Single(Lines(list.Output));
        Assert.Matches($@"^1  target=inventory category=orders-blocked  until \S+ \S+  ""feed migration""  by {IncidentCli.User()}$", line);
    }

    [Fact]
    public async Task Add_WithoutAMatcher_ExitsTwoNamingTheMatcherOptions()
    {
        var added = await RunAsync("silence", "add", "--for", "2h");

        Assert.Equal(ExitCodes.BadInput, added.Code);
        Assert.Contains("monitor silence add: a silence needs at least one matcher: --rule, --target or --category", added.Error, StringComparison.Ordinal);
        Assert.Equal("no silence in force", Assert.Single(Lines((await RunAsync("silence", "list")).Output)));
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("0m")]
    [InlineData("01:00:00")]
    public async Task Add_WithABadDuration_ExitsTwoNamingFor(string length)
    {
        var added = await RunAsync("silence", "add", "--rule", "checkout-errors", "--for", length);

        Assert.Equal(ExitCodes.BadInput, added.Code);
        Assert.Contains($"monitor silence add: --for '{length}' is not a positive duration (examples: 30m, 2h)", added.Error, StringComparison.Ordinal);
        Assert.Empty(added.Output);
    }

    [Fact]
    public async Task Add_WithoutFor_ExitsTwoSayingItIsRequired()
    {
        var added = await RunAsync("silence", "add", "--rule", "checkout-errors");

        Assert.Equal(ExitCodes.BadInput, added.Code);
        Assert.Contains("monitor silence add: --for is required: a positive duration", added.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Add_WithAnUnknownCategory_ExitsTwoListingTheCategories()
    {
        var added = await RunAsync("silence", "add", "--category", "urgent", "--for", "1h");

        Assert.Equal(ExitCodes.BadInput, added.Code);
        Assert.Contains("--category 'urgent' is not one of none, technical-support, integration-down, merchants-cannot-serve, orders-blocked", added.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Add_MisspeltTargetOrRule_ExitsTwoListingTheNamesThatExist()
    {
        var target = await RunAsync("silence", "add", "--target", "invntory", "--for", "2h");
        var rule = await RunAsync("silence", "add", "--rule", "chekout-errors", "--for", "2h");

        Assert.Equal(ExitCodes.BadInput, target.Code);
        Assert.Contains("--target 'invntory' matches no problem, target or signal (problems: fulfillment, inventory, updates;", target.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.BadInput, rule.Code);
        Assert.Contains("--rule 'chekout-errors' matches no configured rule (rules: checkout-errors)", rule.Error, StringComparison.Ordinal);
        Assert.Contains("no silence in force", (await RunAsync("silence", "list")).Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Expire_AnActiveSilence_ListNoLongerShowsIt()
    {
        Assert.Equal(ExitCodes.Ok, (await RunAsync("silence", "add", "--target", "inventory", "--for", "2h")).Code);
        Assert.Equal(ExitCodes.Ok, (await RunAsync("silence", "add", "--rule", "checkout-errors", "--for", "1h")).Code);

        var expired = await RunAsync("silence", "expire", "1");

        Assert.Equal(ExitCodes.Ok, expired.Code);
        Assert.StartsWith("silence 1 expired", expired.Output, StringComparison.Ordinal);
        var active = Assert.Single(Lines((await RunAsync("silence", "list")).Output));
        Assert.StartsWith("2  rule=checkout-errors  until ", active, StringComparison.Ordinal);
        var all = Lines((await RunAsync("silence", "list", "--all")).Output);
        Assert.Equal(2, all.Count);
        Assert.Contains(all, l => l.StartsWith("1  target=inventory  until ", StringComparison.Ordinal) && l.Contains("(ended)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Expire_UnknownId_ExitsOne()
    {
        var expired = await RunAsync("silence", "expire", "42");

        Assert.Equal(ExitCodes.CheckFailed, expired.Code);
        Assert.Contains("monitor silence expire: no silence 42 in force", expired.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Expire_NotANumber_ExitsTwo()
    {
        var expired = await RunAsync("silence", "expire", "S-1");

        Assert.Equal(ExitCodes.BadInput, expired.Code);
        Assert.Contains("'S-1' is not a silence id", expired.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Add_FromTheCommandLine_HoldsMatchingIncidentsInTheDaemonUntilExpired()
    {
        Assert.Equal(ExitCodes.Ok, (await RunAsync("silence", "add", "--target", "inventory", "--for", "1h", "--reason", "feed migration")).Code);

        // A fresh set of services on the same configuration sees the silence in force.
        await using (var fresh = IncidentCli.Build(ConfigLoader.Load(_config).Options))
        {
            var silence = Assert.Single(await fresh.GetRequiredService<IIncidentQueries>().SilencesAsync());
            Assert.True(silence.Active);
            Assert.Equal("inventory", silence.Target);
        }

        // The daemon, on the same store, holds the matching incident and announces the other one.
        var time = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        var mail = new CapturingTransport();
        await using var daemon = Create(Options_(_data), time, mail);
        await daemon.Intake.HandleAsync([Transition(TransitionKind.Firing, time.GetUtcNow(), rule: "feed-errors", signal: "inventory", severity: Severity.Major, category: AlertCategory.None)], default);
        await daemon.Intake.HandleAsync([Transition(TransitionKind.Firing, time.GetUtcNow(), rule: "checkout-slow", signal: "checkout", severity: Severity.Major, category: AlertCategory.None)], default);
        await daemon.Worker.DeliverDueAsync(default);
        Assert.Contains("checkout-slow", Assert.Single(mail.Messages).Subject, StringComparison.Ordinal);

        // Expired from the command line, the held incident is released and the daemon delivers it.
        Assert.Equal(ExitCodes.Ok, (await RunAsync("silence", "expire", "1")).Code);
        time.Advance(TimeSpan.FromMinutes(1));
        await daemon.Worker.DeliverDueAsync(default);
        Assert.Contains(mail.Messages, m => m.Subject!.Contains("feed-errors", StringComparison.Ordinal));
    }

    private static List<string> Lines(string text) => [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await MonitorCommandLine.InvokeAsync([.. args, "-c", _config], output, error);
        return (code, output.ToString(), error.ToString());
    }
}
