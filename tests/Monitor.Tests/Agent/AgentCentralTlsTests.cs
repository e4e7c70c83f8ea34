using Microsoft.Extensions.Time.Testing;
using Monitor.Agent;
using Monitor.Configuration;
using Monitor.Demo;
using Monitor.Tests.Ingest;
using Monitor.Tests.Ingest.Agents;
using Monitor.Tests.TestSupport;

namespace Monitor.Tests.Agent;

/// <summary>An https central whose certificate is self-signed: the agent reaches it only when <c>caFile</c> trusts it.</summary>
public sealed class AgentCentralTlsTests : IAsyncLifetime
{
    private readonly TempFolder _folder = new();
    private MultiPortTarget _target = null!;
    private CentralTestHost _central = null!;
    private FakeTimeProvider _time = null!;

    public async Task InitializeAsync()
    {
        _target = await MultiPortTarget.StartAsync(1);
        _time = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        var certificate = DemoCertificate.Create(TimeProvider.System.GetUtcNow());
        Directory.CreateDirectory(_folder.PathOf("agent"));
        File.WriteAllText(Path.Combine(_folder.PathOf("agent"), "central-ca.pem"), certificate.ExportCertificatePem());
        _central = await CentralTestHost.StartAsync(_folder.PathOf("central"), port: FreePort.Next(), time: _time, certificate: certificate);
    }

    public async Task DisposeAsync()
    {
        await _central.DisposeAsync();
        await _target.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task Flush_HttpsCentralWithSelfSignedCertificateAndCaFile_Delivers()
    {
        Assert.StartsWith("https://127.0.0.1:", _central.Url, StringComparison.Ordinal);
        var config = AgentTestHost.WriteConfig(_folder.PathOf("agent"), "a", _target.Urls[0], [_central.Url], caFile: "central-ca.pem");
        await using var agent = await AgentTestHost.StartAsync(config, _time);

        await agent.ProbeAsync();

        Assert.True(await agent.FlushAsync());
        Assert.Equal(1, _central.Board.Agent("a")!.Accepted);
    }

    [Fact]
    public async Task Flush_HttpsCentralWithSelfSignedCertificateWithoutCaFile_KeepsTheSpool()
    {
        var config = AgentTestHost.WriteConfig(_folder.PathOf("agent"), "a", _target.Urls[0], [_central.Url]);
        await using var agent = await AgentTestHost.StartAsync(config, _time);

        await agent.ProbeAsync();

        Assert.False(await agent.FlushAsync());
        Assert.Equal(1, agent.Spool.Count);
        Assert.Equal(1, agent.Metrics.Reports.WithLabels("0", "unavailable").Value);
        Assert.Equal(0L, _central.Board.Agent("a")?.Accepted ?? 0);
    }

    [Fact]
    public void Validate_CaFileMissingOrNotPem_NamesThePath()
    {
        File.WriteAllText(Path.Combine(_folder.PathOf("agent"), "not-pem.txt"), "hello");
        var missing = ConfigLoader.Load(AgentTestHost.WriteConfig(_folder.PathOf("agent"), "a", _target.Urls[0], [_central.Url], caFile: "nope.pem"));
        var wrong = ConfigLoader.Load(AgentTestHost.WriteConfig(_folder.PathOf("agent"), "a", _target.Urls[0], [_central.Url], caFile: "not-pem.txt"));

        var first = Assert.Single(AgentOptionsValidator.Validate(missing.Options, missing.ConfigDirectory));
        var second = Assert.Single(AgentOptionsValidator.Validate(wrong.Options, wrong.ConfigDirectory));

        Assert.Equal("monitor:agent:caFile", first.Path);
        Assert.Contains("does not exist", first.Message, StringComparison.Ordinal);
        Assert.Equal("monitor:agent:caFile", second.Path);
    }
}
