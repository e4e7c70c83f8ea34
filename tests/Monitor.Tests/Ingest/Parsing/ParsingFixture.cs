using Monitor.Ingest;
using Monitor.Ingest.Parsing;

namespace Monitor.Tests.Ingest.Parsing;

/// <summary>Builds the parsing pieces as the daemon does, with one custom action.</summary>
internal static class ParsingFixture
{
    public static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    public static ObservationParser Parser(params string[] customActions) =>
        new(new ActionCatalog(customActions), new StringPool());

    public static (ObservationBuffer Batch, BatchErrors Errors) ParseBody(string body, params string[] customActions)
    {
        var parser = new BatchParser(Parser(customActions));
        var batch = new ObservationBuffer(parser.Actions.SignalCount);
        var errors = new BatchErrors();
        parser.Parse(System.Text.Encoding.UTF8.GetBytes(body), Now, batch, errors);
        return (batch, errors);
    }
}
