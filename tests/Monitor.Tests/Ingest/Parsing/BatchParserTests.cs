namespace Monitor.Tests.Ingest.Parsing;

public sealed class BatchParserTests
{
    [Fact]
    public void Parse_MixedGoodAndBadLines_KeepsGoodOnesAndNumbersBadOnes()
    {
        var body = string.Join('\n',
            """{"action":"checkout","restaurantId":"r1","status":200}""",
            """{"action":"checkout","restaurantId":"r2","status":500}""",
            "not json",
            "",
            """{"action":"checkout","restaurantId":"r3","status":200}""",
            """{"action":"nope","restaurantId":"r4","status":200}""") + "\r\n";

        var (batch, errors) = ParsingFixture.ParseBody(body);

        Assert.Equal(3, batch.Count);
        Assert.Equal(2, errors.Count);
        Assert.Equal([3L, 6L], errors.First.Select(e => e.Line));
    }

    [Fact]
    public void Parse_JsonArray_ReadsEachElementAndNumbersBadOnesByLine()
    {
        var body = """
            [
              {"action":"checkout","restaurantId":"r1","status":200},
              {"action":"checkout","restaurantId":"r2"},
              {"action":"rtu","restaurantId":"r3","status":204}
            ]
            """;

        var (batch, errors) = ParsingFixture.ParseBody(body);

        Assert.Equal(2, batch.Count);
        var error = Assert.Single(errors.First);
        Assert.Equal(3, error.Line);
        Assert.StartsWith("element 2:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BrokenJsonArray_KeepsElementsBeforeTheBreak()
    {
        var (batch, errors) = ParsingFixture.ParseBody("""[{"action":"checkout","restaurantId":"r1","status":200}, {"action": ]""");

        Assert.Equal(1, batch.Count);
        Assert.Contains("not valid JSON after element", Assert.Single(errors.First).Message, StringComparison.Ordinal);
    }
}
