using System.Text;
using System.Text.Json;
using Monitor.Probes.Feed.Validation;

namespace Monitor.Tests.Probes.Feed.Validation;

/// <summary>
/// The string scan reads a vector at a time and the last vector of a line overlaps what it has read, so a
/// quote, an escape or a control byte must be found at every position and every line length.
/// </summary>
public sealed class JsonLineReaderTests
{
    public static TheoryData<string> Stops => ["\"", "\\n", "\\u00e9", "\t", "\u0001", "\u001f"];

    [Theory]
    [MemberData(nameof(Stops))]
    public void Read_StopByteAtEveryPositionAndLength_AgreesWithUtf8JsonReader(string stop)
    {
        for (var before = 0; before < 40; before++)
        {
            for (var after = 0; after < 40; after++)
            {
                var line = Encoding.UTF8.GetBytes($"{{\"k\":\"{new string('a', before)}{stop}{new string('b', after)}\"}}");

                Assert.Equal(Tokens(line, standard: true), Tokens(line, standard: false));
            }
        }
    }

    [Fact]
    public void Read_UnterminatedStringOfAnyLength_Fails()
    {
        for (var length = 0; length < 70; length++)
        {
            var reader = new JsonLineReader(Encoding.UTF8.GetBytes("\"" + new string('x', length)));

            Assert.False(reader.Read());
            Assert.True(reader.Failed);
        }
    }

    private static string Tokens(byte[] line, bool standard)
    {
        var tokens = new StringBuilder();
        if (standard)
        {
            var reader = new Utf8JsonReader(line);
            try
            {
                while (reader.Read())
                {
                    tokens.Append(reader.TokenType).Append(':').Append(Encoding.UTF8.GetString(reader.ValueSpan)).Append(' ');
                }
            }
            catch (JsonException)
            {
                tokens.Append("failed");
            }
        }
        else
        {
            var reader = new JsonLineReader(line);
            while (reader.Read())
            {
                tokens.Append(reader.TokenType).Append(':').Append(Encoding.UTF8.GetString(reader.ValueSpan)).Append(' ');
            }

            if (reader.Failed)
            {
                tokens.Append("failed");
            }
        }

        return tokens.ToString();
    }
}
