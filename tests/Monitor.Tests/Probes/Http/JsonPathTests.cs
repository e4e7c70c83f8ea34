using System.Text.Json;
using Monitor.Probes.Http;

namespace Monitor.Tests.Probes.Http;

public sealed class JsonPathTests
{
    private static readonly JsonElement Answer = JsonDocument.Parse("""{"a":{"b":[{"c":"x"},{"c":2}]},"odd key":null}""").RootElement;

    [Theory]
    [InlineData("$.a.b[0].c", "\"x\"")]
    [InlineData("$.a.b[1].c", "2")]
    [InlineData("$['odd key']", "null")]
    [InlineData("$['a'].b[1]", "{\"c\":2}")]
    [InlineData("$", null)]
    public void TryFind_ValidPath_FindsTheValue(string text, string? raw)
    {
        Assert.True(JsonPath.TryParse(text, out var path, out var error), error);

        Assert.True(path.TryFind(Answer, out var value));
        if (raw is not null)
        {
            Assert.Equal(raw, value.GetRawText());
        }
    }

    [Theory]
    [InlineData("$.a.b[2].c")]
    [InlineData("$.a.x")]
    [InlineData("$.a.b.c")]
    [InlineData("$.a.b[0].c.d")]
    public void TryFind_PathNotInAnswer_ReturnsFalse(string text)
    {
        Assert.True(JsonPath.TryParse(text, out var path, out _));

        Assert.False(path.TryFind(Answer, out _));
    }

    [Theory]
    [InlineData("a.b")]
    [InlineData("$..a")]
    [InlineData("$.a[x]")]
    [InlineData("$['a'")]
    [InlineData("$a")]
    [InlineData("")]
    public void TryParse_Malformed_ExplainsWhy(string text)
    {
        Assert.False(JsonPath.TryParse(text, out _, out var error));
        Assert.NotEmpty(error);
    }

    [Theory]
    [InlineData("\"CREATED\"", "CREATED", true)]
    [InlineData("\"CREATED\"", "created", false)]
    [InlineData("12.50", "12.5", true)]
    [InlineData("12", "12.0", true)]
    [InlineData("12", "13", false)]
    [InlineData("true", "true", true)]
    [InlineData("false", "true", false)]
    [InlineData("null", "null", true)]
    public void ValueEquals_ConfigValue_ComparesByKind(string json, string expected, bool equal)
    {
        using var document = JsonDocument.Parse(json);

        Assert.Equal(equal, JsonPath.ValueEquals(document.RootElement, expected));
    }
}
