using System.Text;
using Monitor.Agent;
using Monitor.Tests.Ingest;

namespace Monitor.Tests.Agent;

public sealed class ResultSpoolTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public void Peek_SeveralAppended_GivesOldestFirstInOrder()
    {
        var spool = NewSpool();
        for (var i = 0; i < 5; i++)
        {
            spool.Append(Item);
        }

        Assert.Equal([1L, 2, 3], spool.Peek(3).Select(p => p.Sequence));
        Assert.Equal("{\"seq\":2}", Encoding.UTF8.GetString(spool.Peek(3)[1].Json));
    }

    [Fact]
    public void Append_PastCapacity_DropsOldestAndCountsThem()
    {
        var spool = NewSpool(maxResults: 3);
        var dropped = 0;
        for (var i = 0; i < 5; i++)
        {
            dropped += spool.Append(Item).Dropped;
        }

        Assert.Equal(2, dropped);
        Assert.Equal(2, spool.UnreportedDrops);
        Assert.Equal([3L, 4, 5], spool.Peek(10).Select(p => p.Sequence));
    }

    [Fact]
    public void Remove_AfterSend_ForgetsResultsAndReportedDrops()
    {
        var spool = NewSpool(maxResults: 2);
        for (var i = 0; i < 4; i++)
        {
            spool.Append(Item);
        }

        spool.Remove(3, reportedDrops: 2);

        Assert.Equal([4L], spool.Peek(10).Select(p => p.Sequence));
        Assert.Equal(0, spool.UnreportedDrops);
    }

    [Fact]
    public void Constructor_AfterRestart_KeepsResultsDropsIdAndSequence()
    {
        var first = NewSpool(maxResults: 3);
        for (var i = 0; i < 4; i++)
        {
            first.Append(Item);
        }

        // A second instance on the same folder is what a restart (even after kill -9) finds.
        var second = NewSpool(maxResults: 3);

        Assert.Equal(first.Id, second.Id);
        Assert.Equal([2L, 3, 4], second.Peek(10).Select(p => p.Sequence));
        Assert.Equal(1, second.UnreportedDrops);
        Assert.Equal(5, second.Append(Item).Sequence);
    }

    [Fact]
    public void Constructor_AllSentBeforeRestart_NeverReusesASequenceNumber()
    {
        var first = NewSpool();
        first.Append(Item);
        first.Append(Item);
        first.Remove(2, 0);

        Assert.Equal(3, NewSpool().Append(Item).Sequence);
    }

    [Fact]
    public void Constructor_WriteCutShort_IgnoresTheHalfWrittenFile()
    {
        var spool = NewSpool();
        spool.Append(Item);
        File.WriteAllText(Path.Combine(_folder.Path, "0000000000000000002.result.tmp"), "{\"se");

        var restarted = NewSpool();

        Assert.Equal([1L], restarted.Peek(10).Select(p => p.Sequence));
        Assert.Empty(Directory.GetFiles(_folder.Path, "*.tmp"));
    }

    public void Dispose() => _folder.Dispose();

    private static byte[] Item(long sequence) => Encoding.UTF8.GetBytes($"{{\"seq\":{sequence}}}");

    private ResultSpool NewSpool(int maxResults = 100) => new(_folder.Path, maxResults);
}
