namespace Monitor.Probes.Feed.Validation;

/// <summary>
/// Adds up the bytes of each top-level entity (<c>Restaurant</c>, <c>Service</c>, <c>Menu</c>) and its
/// children, following each child's parent reference up to its tree, against Google's 4 MB limit.
/// Children that come before their parent, or far after it, cannot be placed and are not counted:
/// memory stays fixed for the menu chain (sections and items are remembered in a bounded cache),
/// and a feed written tree by tree, as generators usually write it, is measured exactly.
/// </summary>
internal sealed class TreeSizes
{
    private readonly LongMap _bytes = new();
    private readonly RecentMap _sectionTree = new();
    private readonly RecentMap _itemTree = new();
    private ulong _currentKey;
    private long _currentTotal;

    /// <summary>Adds a line to its tree; true the first time that tree goes over the limit.</summary>
    public bool Add(in LineRecord rec, out EntityType treeType)
    {
        treeType = TreeType(rec.Type);
        if (treeType == EntityType.Unknown || !TreeKey(rec, out var key))
        {
            return false;
        }

        // Consecutive lines nearly always share a tree, so the running total of the current tree is
        // kept aside and written back only when the tree changes.
        if (key != _currentKey)
        {
            if (_currentKey != 0)
            {
                _bytes.GetOrAdd(_currentKey) = _currentTotal;
            }

            _currentKey = key;
            _currentTotal = _bytes.TryGetValue(key, out var stored) ? stored : 0;
        }

        var before = _currentTotal;
        _currentTotal += rec.Bytes;
        return before <= FeedLimits.MaxEntityBytes && _currentTotal > FeedLimits.MaxEntityBytes;
    }

    private static EntityType TreeType(EntityType type) => type switch
    {
        EntityType.Restaurant => EntityType.Restaurant,
        EntityType.Service or EntityType.ServiceArea or EntityType.ServiceHours or EntityType.OperationHours or EntityType.Fee => EntityType.Service,
        EntityType.Menu or EntityType.MenuSection or EntityType.MenuItem or EntityType.MenuItemOffer
            or EntityType.MenuItemOption or EntityType.Availability => EntityType.Menu,
        _ => EntityType.Unknown,
    };

    /// <summary>The id hash of the line's reference to <paramref name="target"/>, whichever property came first on the line.</summary>
    private static ulong? RefTo(in LineRecord rec, EntityType target) =>
        rec.Ref1.Target == target ? rec.Ref1.Hash : rec.Ref2.Target == target ? rec.Ref2.Hash : null;

    private bool TreeKey(in LineRecord rec, out ulong key)
    {
        ulong top;
        switch (rec.Type)
        {
            case EntityType.Restaurant or EntityType.Service or EntityType.Menu when rec.HasId:
                top = rec.IdHash;
                break;
            case EntityType.OperationHours or EntityType.ServiceArea or EntityType.ServiceHours or EntityType.Fee
                when RefTo(rec, EntityType.Service) is { } service:
                top = service;
                break;
            case EntityType.MenuSection when RefTo(rec, EntityType.Menu) is { } parent:
                top = parent;
                if (rec.HasId)
                {
                    _sectionTree.Set(rec.IdHash, (long)top);
                }

                break;
            case EntityType.MenuItem when RefTo(rec, EntityType.MenuSection) is { } section && _sectionTree.TryGetValue(section, out var menu):
                top = (ulong)menu;
                if (rec.HasId)
                {
                    _itemTree.Set(rec.IdHash, menu);
                }

                break;
            case EntityType.MenuItemOffer or EntityType.MenuItemOption
                when RefTo(rec, EntityType.MenuItem) is { } item && _itemTree.TryGetValue(item, out var itemMenu):
                top = (ulong)itemMenu;
                break;
            default:
                key = 0;
                return false;
        }

        // Ids are unique per type only, so the tree's type is mixed into its key.
        key = top ^ ((ulong)TreeType(rec.Type) * 0x9E3779B97F4A7C15UL);
        key = key == 0 ? 1 : key;
        return true;
    }
}
