using System.Text.Json;

namespace Monitor.Ingest.Parsing;

/// <summary>
/// Splits a body or a chunk of a file into observations: NDJSON (one object per line) or a JSON array.
/// Each bad line is refused on its own with its line number; the good lines around it are kept.
/// </summary>
internal sealed class BatchParser(ObservationParser parser)
{
    public ActionCatalog Actions => parser.Actions;

    /// <summary>Parses a JSON array when the first non-blank byte is '[', NDJSON otherwise.</summary>
    public void Parse(ReadOnlySpan<byte> body, DateTimeOffset now, ObservationBuffer output, BatchErrors errors)
    {
        var start = body.IndexOfAnyExcept(" \t\r\n"u8);
        if (start >= 0 && body[start] == (byte)'[')
        {
            ParseArray(body, now, output, errors);
        }
        else
        {
            long line = 0;
            ParseLines(body, ref line, now, output, errors);
        }
    }

    /// <summary>
    /// Parses complete NDJSON lines. <paramref name="line"/> is the number of the line before the
    /// chunk and ends as the number of its last line. Blank lines are skipped without error.
    /// </summary>
    public void ParseLines(ReadOnlySpan<byte> chunk, ref long line, DateTimeOffset now, ObservationBuffer output, BatchErrors errors)
    {
        while (!chunk.IsEmpty)
        {
            var end = chunk.IndexOf((byte)'\n');
            var text = end < 0 ? chunk : chunk[..end];
            chunk = end < 0 ? default : chunk[(end + 1)..];
            line++;
            ParseOne(text, line, now, output, errors);
        }
    }

    public void ParseOne(ReadOnlySpan<byte> text, long line, DateTimeOffset now, ObservationBuffer output, BatchErrors errors)
    {
        text = text.TrimEnd(" \t\r"u8);
        if (text.IsEmpty || text.IndexOfAnyExcept(" \t"u8) < 0)
        {
            return;
        }

        if (parser.TryParse(text, now, out var outcome, out var reason, out var message))
        {
            output.Add(outcome, parser.Actions);
        }
        else
        {
            errors.Add(line, reason, message);
        }
    }

    private void ParseArray(ReadOnlySpan<byte> body, DateTimeOffset now, ObservationBuffer output, BatchErrors errors)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 16 });
        long line = 1, element = 0;
        var counted = 0;
        try
        {
            reader.Read();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                element++;
                var start = (int)reader.TokenStartIndex;
                line += body[counted..start].Count((byte)'\n');
                counted = start;
                reader.Skip();
                var item = body[start..(int)reader.BytesConsumed];
                if (parser.TryParse(item, now, out var outcome, out var reason, out var message))
                {
                    output.Add(outcome, parser.Actions);
                }
                else
                {
                    errors.Add(line, reason, $"element {element}: {message}");
                }
            }

            if (reader.Read())
            {
                errors.Add(line, RejectReason.Json, "unexpected content after the array");
            }
        }
        catch (JsonException e)
        {
            // Past a syntax error the element boundaries are unknown; what came before stays accepted.
            line += body[counted..Math.Min(body.Length, (int)reader.BytesConsumed)].Count((byte)'\n');
            errors.Add(line, RejectReason.Json, $"the array is not valid JSON after element {element}: {e.Message}");
        }
    }
}
