using System.Runtime.CompilerServices;

namespace Monitor.Rules.Windows;

/// <summary>Error types get small ids, so that counting a failure by type is an array increment.</summary>
internal sealed partial class SeriesWindow
{
    private int TypeId(string label)
    {
        // Error types usually arrive as the same few string instances: a reference check avoids hashing.
        for (var i = 0; i < RecentSize; i++)
        {
            if (ReferenceEquals(_recentLabels[i], label))
            {
                return _recentIds[i];
            }
        }

        if (!_typeIds.TryGetValue(label, out var id))
        {
            var other = Layout.TypeSlots - 1;
            if (_typeNames.Count >= other)
            {
                return other;
            }

            id = _typeNames.Count;
            _typeNames.Add(label);
            _typeIds[label] = id;
        }

        _recentLabels[_recentNext] = label;
        _recentIds[_recentNext] = id;
        _recentNext = (_recentNext + 1) % RecentSize;
        return id;
    }

    private const int RecentSize = 4;

    [InlineArray(RecentSize)]
    private struct RecentLabels
    {
        private string? _label;
    }

    [InlineArray(RecentSize)]
    private struct RecentIds
    {
        private int _id;
    }
}
