namespace Monitor.Tests.Ingest.Tail;

public sealed class LogTailerTests
{
    [Fact]
    public void PollNow_NewLines_RecordsEachOnceAndWaitsForAnUnfinishedLine()
    {
        using var fixture = new TailFixture();
        var tailer = fixture.Tailer();
        fixture.Append(TailFixture.Lines("a", 0, 3) + """{"action":"checkout","restaurantId":"a3",""");

        Assert.Equal(3, tailer.PollNow());
        Assert.Equal(0, tailer.PollNow());

        fixture.Append("\"status\":200}\n" + TailFixture.Line("a4"));
        Assert.Equal(2, tailer.PollNow());
        Assert.Equal(["a0", "a1", "a2", "a3", "a4"], fixture.Recorded);
    }

    [Fact]
    public void PollNow_FileAppearsLater_ReadFromItsStart()
    {
        using var fixture = new TailFixture();
        var tailer = fixture.Tailer();
        Assert.Equal(0, tailer.PollNow());

        fixture.Append(TailFixture.Lines("a", 0, 2));

        Assert.Equal(2, tailer.PollNow());
    }

    [Fact]
    public void PollNow_RenameAndRecreate_ReadsTheOldFilesLastLinesThenTheNewFile()
    {
        using var fixture = new TailFixture();
        var tailer = fixture.Tailer();
        fixture.Append(TailFixture.Lines("old", 0, 3));
        tailer.PollNow();

        // Written after the last poll, then rotated away: still read from the old file.
        fixture.Append(TailFixture.Lines("old", 3, 2));
        File.Move(fixture.LogPath, fixture.LogPath + ".1");
        fixture.Append(TailFixture.Lines("new", 0, 2));
        tailer.PollNow();

        // A writer that finishes a line in the old file after the rename.
        fixture.Append(TailFixture.Line("old5"), fixture.LogPath + ".1");
        fixture.Append(TailFixture.Line("new2"));
        tailer.PollNow();
        tailer.PollNow();

        Assert.Equal(["old0", "old1", "old2", "old3", "old4", "new0", "new1", "old5", "new2"], fixture.Recorded);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(6)]
    public void PollNow_CopyTruncate_ReadsTheRewrittenFileFromItsStart(int linesAfterTruncation)
    {
        using var fixture = new TailFixture();
        var tailer = fixture.Tailer();
        fixture.Append(TailFixture.Lines("old", 0, 4));
        tailer.PollNow();

        File.Copy(fixture.LogPath, fixture.LogPath + ".1");
        using (var truncate = new FileStream(fixture.LogPath, FileMode.Open, FileAccess.Write, FileShare.ReadWrite))
        {
            truncate.SetLength(0);
        }

        // Fewer bytes than were read (shorter than the saved offset), or more (only the start tells).
        fixture.Append(TailFixture.Lines("new", 0, linesAfterTruncation));
        tailer.PollNow();

        var expected = Enumerable.Range(0, 4).Select(i => "old" + i).Concat(Enumerable.Range(0, linesAfterTruncation).Select(i => "new" + i));
        Assert.Equal(expected, fixture.Recorded);
    }

    [Fact]
    public void PollNow_CopyTruncateAfterUnreadLines_ReadsThemFromTheCopyFirst()
    {
        using var fixture = new TailFixture();
        var tailer = fixture.Tailer();
        fixture.Append(TailFixture.Lines("old", 0, 2));
        tailer.PollNow();

        // Written after the last poll, copied, then truncated away from the followed file.
        fixture.Append(TailFixture.Lines("old", 2, 3));
        CopyTruncate(fixture);
        fixture.Append(TailFixture.Lines("new", 0, 2));
        tailer.PollNow();
        tailer.PollNow();

        Assert.Equal(["old0", "old1", "old2", "old3", "old4", "new0", "new1"], fixture.Recorded);
        Assert.Equal(0, fixture.Metrics.IngestTailLostBytes.Value);
    }

    [Fact]
    public void PollNow_LineFinishedBetweenCopyAndTruncate_CountsItsBytesAsLost()
    {
        using var fixture = new TailFixture();
        var tailer = fixture.Tailer();
        const string unfinished = """{"action":"checkout","restaurantId":"old1",""";
        fixture.Append(TailFixture.Line("old0") + unfinished);
        tailer.PollNow();

        File.Copy(fixture.LogPath, fixture.LogPath + ".1");
        fixture.Append("\"status\":200}\n");
        Truncate(fixture);
        fixture.Append(TailFixture.Line("new0"));
        tailer.PollNow();
        tailer.PollNow();

        Assert.Equal(["old0", "new0"], fixture.Recorded);
        Assert.Equal(unfinished.Length, fixture.Metrics.IngestTailLostBytes.Value);
    }

    [Fact]
    public void PollNow_TruncatedWithoutCopyAfterSeenBytes_CountsThemAsLost()
    {
        using var fixture = new TailFixture();
        var tailer = fixture.Tailer();
        const string unfinished = """{"action":"checkout",""";
        fixture.Append(TailFixture.Line("old0") + unfinished);
        tailer.PollNow();

        Truncate(fixture);
        fixture.Append(TailFixture.Line("new0"));
        tailer.PollNow();

        Assert.Equal(["old0", "new0"], fixture.Recorded);
        Assert.Equal(unfinished.Length, fixture.Metrics.IngestTailLostBytes.Value);
    }

    private static void CopyTruncate(TailFixture fixture)
    {
        File.Copy(fixture.LogPath, fixture.LogPath + ".1");
        Truncate(fixture);
    }

    private static void Truncate(TailFixture fixture)
    {
        using var truncate = new FileStream(fixture.LogPath, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
        truncate.SetLength(0);
    }

    [Fact]
    public void PollNow_FileRenamedAwayThenRecreatedLater_OldLinesThenNewFileFromItsStart()
    {
        using var fixture = new TailFixture();
        var tailer = fixture.Tailer();
        fixture.Append(TailFixture.Lines("old", 0, 2));
        tailer.PollNow();

        fixture.Append(TailFixture.Line("old2") + """{"action":"checkout","restaurantId":"old3","status":200}""");
        File.Move(fixture.LogPath, fixture.LogPath + ".1");
        for (var i = 0; i < 4; i++)
        {
            tailer.PollNow();
        }

        File.Delete(fixture.LogPath + ".1");
        fixture.Append(TailFixture.Line("new0"));
        tailer.PollNow();

        // The old file's last line had no newline: read once the file was left alone.
        Assert.Equal(["old0", "old1", "old2", "old3", "new0"], fixture.Recorded);
    }

    [Fact]
    public void PollNow_AfterRestart_ResumesExactlyWhereItStopped()
    {
        using var fixture = new TailFixture();
        var first = fixture.Tailer();
        fixture.Append(TailFixture.Lines("a", 0, 3) + """{"action":"checkout",""");
        first.PollNow();
        first.Dispose();

        fixture.Append("\"restaurantId\":\"a3\",\"status\":200}\n" + TailFixture.Lines("a", 4, 2));
        var second = fixture.Tailer();
        second.PollNow();

        Assert.Equal(["a0", "a1", "a2", "a3", "a4", "a5"], fixture.Recorded);
    }

    [Fact]
    public void PollNow_RotatedWhileStopped_ReadsTheRestOfTheRotatedFileThenTheNewOne()
    {
        using var fixture = new TailFixture();
        var first = fixture.Tailer();
        fixture.Append(TailFixture.Lines("old", 0, 2));
        first.PollNow();
        first.Dispose();

        fixture.Append(TailFixture.Lines("old", 2, 2));
        File.Move(fixture.LogPath, fixture.LogPath + ".1");
        fixture.Append(TailFixture.Lines("new", 0, 2));
        var second = fixture.Tailer();
        second.PollNow();
        second.PollNow();

        Assert.Equal(["old0", "old1", "old2", "old3", "new0", "new1"], fixture.Recorded);
    }

    [Fact]
    public void PollNow_RotatedWhileStoppedAndRotatedCopyGone_ReadsTheNewFileFromItsStart()
    {
        using var fixture = new TailFixture();
        var first = fixture.Tailer();
        fixture.Append(TailFixture.Lines("old", 0, 2));
        first.PollNow();
        first.Dispose();

        File.Delete(fixture.LogPath);
        fixture.Append(TailFixture.Lines("new", 0, 2));
        fixture.Tailer().PollNow();

        Assert.Equal(["old0", "old1", "new0", "new1"], fixture.Recorded);
    }

    [Fact]
    public void PollNow_Glob_FollowsEveryMatchingFile()
    {
        using var fixture = new TailFixture();
        fixture.Append(TailFixture.Lines("a", 0, 2), fixture.Folder.PathOf("a.ndjson"));
        fixture.Append(TailFixture.Lines("b", 0, 1), fixture.Folder.PathOf("b.ndjson"));
        fixture.Append(TailFixture.Lines("x", 0, 1), fixture.Folder.PathOf("b.ndjson.1"));

        fixture.Tailer("*.ndjson").PollNow();

        Assert.Equal(["a0", "a1", "b0"], fixture.Recorded);
    }

    [Fact]
    public void PollNow_BadLine_RefusedWhileTheLinesAroundItAreRecorded()
    {
        using var fixture = new TailFixture();
        var tailer = fixture.Tailer();
        fixture.Append(TailFixture.Line("a0") + "garbage\n" + TailFixture.Line("a2"));

        tailer.PollNow();

        Assert.Equal(["a0", "a2"], fixture.Recorded);
        Assert.Equal(1, fixture.Metrics.IngestRejectedLines.WithLabels("json").Value);
    }
}
