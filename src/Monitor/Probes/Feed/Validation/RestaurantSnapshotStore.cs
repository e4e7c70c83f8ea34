using System.Buffers.Binary;

namespace Monitor.Probes.Feed.Validation;

/// <summary>
/// Keeps the previous run's restaurant ids as a sorted file of 64-bit hashes, so drops are counted by
/// a merge walk that reads the old file as a stream instead of loading it.
/// </summary>
internal static class RestaurantSnapshotStore
{
    /// <summary>Counts previous restaurants absent from <paramref name="current"/>, then stores <paramref name="current"/>.</summary>
    /// <returns>The count, or null when there was no previous run.</returns>
    public static async Task<long?> CompareAndSaveAsync(string path, ulong[] current, CancellationToken cancellationToken)
    {
        Array.Sort(current);
        long? dropped = File.Exists(path) ? await CountMissingAsync(path, current, cancellationToken) : null;

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temp = path + ".tmp";
        await using (var output = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
        {
            var chunk = new byte[8 * 4096];
            for (var i = 0; i < current.Length; i += 4096)
            {
                var n = Math.Min(4096, current.Length - i);
                for (var j = 0; j < n; j++)
                {
                    BinaryPrimitives.WriteUInt64LittleEndian(chunk.AsSpan(j * 8), current[i + j]);
                }

                await output.WriteAsync(chunk.AsMemory(0, n * 8), cancellationToken);
            }
        }

        // Replaced in one step, so a crash leaves either the old set or the new one.
        File.Move(temp, path, overwrite: true);
        return dropped;
    }

    private static async Task<long> CountMissingAsync(string path, ulong[] current, CancellationToken cancellationToken)
    {
        await using var input = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        var chunk = new byte[8 * 4096];
        long missing = 0;
        var c = 0;
        int read;
        while ((read = await input.ReadAtLeastAsync(chunk, chunk.Length, throwOnEndOfStream: false, cancellationToken)) > 0)
        {
            for (var off = 0; off + 8 <= read; off += 8)
            {
                var previous = BinaryPrimitives.ReadUInt64LittleEndian(chunk.AsSpan(off));
                while (c < current.Length && current[c] < previous)
                {
                    c++;
                }

                if (c >= current.Length || current[c] != previous)
                {
                    missing++;
                }
            }
        }

        return missing;
    }
}
