namespace Monitor.Probes.Feed.Validation.Schema;

/// <summary>
/// The table of one entity type, built once: its properties, a lookup by UTF-8 name that does not
/// allocate, the bit mask of required ones, its cross-field rules and the properties whose values
/// those rules compare.
/// </summary>
internal sealed class EntitySchema
{
    /// <summary>Values a line keeps for the cross-field rules; no type needs more.</summary>
    public const int MaxCaptures = 8;

    private readonly PropertyRule?[] _slots;
    private readonly int _mask;

    public EntitySchema(EntityType type, IReadOnlyList<PropertyRule> properties, IReadOnlyList<CrossRule> crossRules)
    {
        if (properties.Count > 64)
        {
            throw new ArgumentException($"{type}: at most 64 properties fit the presence mask", nameof(properties));
        }

        Type = type;
        Properties = properties;
        var byName = new Dictionary<string, PropertyRule>(StringComparer.Ordinal);
        for (var i = 0; i < properties.Count; i++)
        {
            properties[i].Freeze(i);
            byName.Add(properties[i].Name, properties[i]);
            if (properties[i].Required)
            {
                RequiredMask |= 1UL << i;
            }
        }

        var size = 16;
        while (size < properties.Count * 4)
        {
            size *= 2;
        }

        _slots = new PropertyRule?[size];
        _mask = size - 1;
        foreach (var p in properties)
        {
            var slot = Hash(p.Utf8) & _mask;
            while (_slots[slot] is not null)
            {
                slot = (slot + 1) & _mask;
            }

            _slots[slot] = p;
        }

        Captures = new sbyte[properties.Count];
        Array.Fill(Captures, (sbyte)-1);
        var captured = 0;
        foreach (var rule in crossRules)
        {
            rule.Reported = rule.Groups[0][0];
            rule.Masks = [.. rule.Groups.Select(g => g.Aggregate(0UL, (m, n) => m | (1UL << Resolve(byName, type, n).Index)))];
            if (rule.Kind != CrossKind.Ordered)
            {
                continue;
            }

            rule.First = Resolve(byName, type, rule.Groups[0][0]).Index;
            rule.Second = Resolve(byName, type, rule.Groups[1][0]).Index;
            foreach (var index in (ReadOnlySpan<int>)[rule.First, rule.Second])
            {
                if (Captures[index] < 0)
                {
                    Captures[index] = (sbyte)captured++;
                }
            }
        }

        if (captured > MaxCaptures)
        {
            throw new ArgumentException($"{type}: cross-field rules compare more than {MaxCaptures} properties", nameof(crossRules));
        }

        CrossRules = [.. crossRules];
        References = [.. properties.Where(p => p.Kind == ValueKind.Reference)];
    }

    public EntityType Type { get; }

    public IReadOnlyList<PropertyRule> Properties { get; }

    public ulong RequiredMask { get; }

    /// <summary>An array, so the per-line loop over it does not allocate an enumerator.</summary>
    public CrossRule[] CrossRules { get; }

    /// <summary>Properties naming a parent, in table order; the first two found on a line are checked.</summary>
    public PropertyRule[] References { get; }

    /// <summary>Per property: the capture slot its value goes to, or -1.</summary>
    public sbyte[] Captures { get; }

    /// <summary>The rule of an unescaped property name, or null for a property the schema does not have.</summary>
    public PropertyRule? Find(ReadOnlySpan<byte> name)
    {
        if (name.IsEmpty)
        {
            return null;
        }

        var slot = Hash(name) & _mask;
        while (_slots[slot] is { } rule)
        {
            if (name.SequenceEqual(rule.Utf8))
            {
                return rule;
            }

            slot = (slot + 1) & _mask;
        }

        return null;
    }

    private static int Hash(ReadOnlySpan<byte> name) =>
        (int)(((uint)name.Length * 0x9E3779B1u) ^ (name[0] * 31u) ^ (name[^1] * 131u) ^ (name[name.Length >> 1] * 8191u));

    private static PropertyRule Resolve(Dictionary<string, PropertyRule> byName, EntityType type, string name) =>
        byName.TryGetValue(name, out var rule)
            ? rule
            : throw new ArgumentException($"{type}: a cross-field rule names '{name}', which is not in the table");
}
