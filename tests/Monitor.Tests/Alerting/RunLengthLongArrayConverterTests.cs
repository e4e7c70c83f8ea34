using System.Text.Json;
using Monitor.Alerting;

namespace Monitor.Tests.Alerting;

public sealed class RunLengthLongArrayConverterTests
{
    private static readonly JsonSerializerOptions Json = new() { Converters = { new RunLengthLongArrayConverter() } };

    [Fact]
    public void Write_MostlyEmptyBuckets_OneShortStringThatReadsBack()
    {
        long[] buckets = [.. Enumerable.Repeat(long.MinValue, 40), 12_786_379_158, 0, 0, -3, .. Enumerable.Repeat(0L, 17)];

        var json = JsonSerializer.Serialize(buckets, Json);

        Assert.Equal("\"-9223372036854775808*40,12786379158,0*2,-3,0*17\"", json);
        Assert.Equal(buckets, JsonSerializer.Deserialize<long[]>(json, Json));
    }

    [Fact]
    public void Write_EveryValueDifferentAndAtItsWidest_ReadsBack()
    {
        long[] values = [.. Enumerable.Range(0, 1000).Select(i => i % 2 == 0 ? long.MinValue + i : long.MaxValue - i)];

        var json = JsonSerializer.Serialize(values, Json);

        Assert.Equal(values, JsonSerializer.Deserialize<long[]>(json, Json));
        Assert.Equal("\"\"", JsonSerializer.Serialize(Array.Empty<long>(), Json));
    }

    [Fact]
    public void Write_IntoAWriterThatIsReused_AllocatesNothing()
    {
        long[] buckets = [.. Enumerable.Repeat(long.MinValue, 40), 12_786_379_158, 0, 0, -3, .. Enumerable.Repeat(0L, 600)];
        var converter = new RunLengthLongArrayConverter();
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(64 * 1024);
        using var writer = new Utf8JsonWriter(buffer);
        converter.Write(writer, buckets, Json);
        writer.Flush();
        buffer.ResetWrittenCount();
        writer.Reset(buffer);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            writer.WriteStartArray();
            converter.Write(writer, buckets, Json);
            writer.WriteEndArray();
            writer.Flush();
            buffer.ResetWrittenCount();
            writer.Reset(buffer);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Read_PlainArrayOfNumbers_ReadsAsBefore()
    {
        Assert.Equal([1L, 2L, 2L], JsonSerializer.Deserialize<long[]>("[1,2,2]", Json)!);
        Assert.Equal([], JsonSerializer.Deserialize<long[]>("\"\"", Json)!);
    }

    [Theory]
    [InlineData("\"1*0\"")]
    [InlineData("\"x\"")]
    [InlineData("\"1*99999999999\"")]
    [InlineData("\"1*20000000\"")]
    public void Read_DamagedRun_Throws(string json) =>
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<long[]>(json, Json));
}
