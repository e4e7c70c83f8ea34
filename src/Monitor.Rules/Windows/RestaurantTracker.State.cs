using Monitor.Rules.State;

namespace Monitor.Rules.Windows;

internal sealed partial class RestaurantTracker
{
    public RestaurantTrackerSnapshot ToSnapshot() => new(
        _hashes[.._used], _seen[.._used], _sketch is null ? null : (long[])_sketch.Clone(),
        _overflowSeen, (string?[])_sampleNames.Clone(), (long[])_sampleSeen.Clone(), _sampleNext);

    public void Restore(RestaurantTrackerSnapshot snapshot)
    {
        if (snapshot.Hashes.Length > ExactLimit || snapshot.Seen.Length != snapshot.Hashes.Length
            || snapshot.SampleNames.Length != SampleSize || snapshot.SampleSeen.Length != SampleSize
            || snapshot.Sketch is { Length: not SketchSlots })
        {
            return;
        }

        snapshot.Hashes.CopyTo(_hashes, 0);
        snapshot.Seen.CopyTo(_seen, 0);
        _used = snapshot.Hashes.Length;
        Reindex();
        _sketch = snapshot.Sketch is null ? null : (long[])snapshot.Sketch.Clone();
        _overflowSeen = snapshot.OverflowSeen;
        snapshot.SampleNames.CopyTo(_sampleNames, 0);
        snapshot.SampleSeen.CopyTo(_sampleSeen, 0);
        _sampleNext = Math.Clamp(snapshot.SampleNext, 0, SampleSize - 1);
    }
}
