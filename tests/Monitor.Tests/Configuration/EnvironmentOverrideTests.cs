using Monitor.Configuration;
using Monitor.Tests.TestSupport;

namespace Monitor.Tests.Configuration;

/// <summary>Environment variables are process-wide, so these tests run alone.</summary>
[CollectionDefinition(nameof(EnvironmentOverrideTests), DisableParallelization = true)]
public sealed class EnvironmentCollection;

[Collection(nameof(EnvironmentOverrideTests))]
public sealed class EnvironmentOverrideTests
{
    [Fact]
    public void Load_EnvironmentVariable_OverridesFileValueAndIsValidated()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("monitor.yaml", "monitor:\n  project: acme\n  smtp:\n    port: 587\n    password: in-file\n");
        Environment.SetEnvironmentVariable("MONITOR__SMTP__PASSWORD", "from-env");
        try
        {
            Assert.Equal("from-env", ConfigLoader.Load(path).Options.Smtp.Password);

            Environment.SetEnvironmentVariable("MONITOR__SMTP__PORT", "99999");
            var error = Assert.Throws<ConfigurationException>(() => ConfigLoader.Load(path));
            Assert.Contains(error.Errors, e => e.ToString() == "monitor:smtp:port: 99999 is not a port (1-65535)");
        }
        finally
        {
            Environment.SetEnvironmentVariable("MONITOR__SMTP__PASSWORD", null);
            Environment.SetEnvironmentVariable("MONITOR__SMTP__PORT", null);
        }
    }
}
