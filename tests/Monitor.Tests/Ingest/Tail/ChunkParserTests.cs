using System.Text;
using Monitor.Ingest;
using Monitor.Ingest.Parsing;
using Monitor.Ingest.Tail;
using Monitor.Tests.Ingest.Parsing;

namespace Monitor.Tests.Ingest.Tail;

public sealed class ChunkParserTests
{
    [Fact]
    public void Parse_LargeChunkOnSeveralCores_KeepsFileOrderAndLineNumbers()
    {
        var text = new StringBuilder();
        for (var i = 1; i <= 6000; i++)
        {
            text.Append(i is 1000 or 4500 ? "broken\n" : TailFixture.Line("r" + i));
        }

        var chunk = Encoding.UTF8.GetBytes(text.ToString());
        Assert.True(chunk.Length > ChunkParser.ParallelFrom);
        var parser = new BatchParser(ParsingFixture.Parser());
        using var chunks = new ChunkParser(parser, 3);
        var recorded = new List<string>();
        var errors = new BatchErrors();
        long line = 10;

        chunks.Parse(chunk, ref line, ParsingFixture.Now, batch => recorded.AddRange(batch.Items.ToArray().Select(o => o.RestaurantId!)), errors);

        Assert.Equal(Enumerable.Range(1, 6000).Where(i => i is not (1000 or 4500)).Select(i => "r" + i), recorded);
        Assert.Equal([1010L, 4510L], errors.First.Select(e => e.Line));
        Assert.Equal(6010, line);
    }
}
