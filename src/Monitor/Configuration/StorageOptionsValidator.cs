using Npgsql;

namespace Monitor.Configuration;

/// <summary>Checks <c>monitor:storage</c>: a known provider, and for PostgreSQL a connection string that parses.</summary>
internal static class StorageOptionsValidator
{
    public static void Validate(StorageOptions storage, string path, ConfigChecks check)
    {
        if (!StorageOptions.Providers.Contains(storage.Provider, StringComparer.OrdinalIgnoreCase))
        {
            check.Fail($"{path}:provider", $"unknown provider '{storage.Provider}' (known: {string.Join(", ", StorageOptions.Providers)})");
            return;
        }

        if (!storage.IsPostgres)
        {
            return;
        }

        var connectionPath = $"{path}:connectionString";
        if (string.IsNullOrWhiteSpace(storage.ConnectionString))
        {
            check.Fail(connectionPath, "required when provider is postgres");
            return;
        }

        var resolved = SecretValue.Resolve(storage.ConnectionString);
        if (string.IsNullOrWhiteSpace(resolved))
        {
            check.Fail(connectionPath, $"'{storage.ConnectionString}' resolves to an empty value");
            return;
        }

        // The message never quotes the value: it holds a password.
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(resolved);
            if (string.IsNullOrWhiteSpace(builder.Host))
            {
                check.Fail(connectionPath, "has no Host");
            }
        }
        catch (ArgumentException)
        {
            check.Fail(connectionPath, "is not an Npgsql connection string (Host=...;Database=...;Username=...;Password=...)");
        }
    }
}
