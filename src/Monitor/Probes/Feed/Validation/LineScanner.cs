using System.Runtime.CompilerServices;
using System.Text.Json;
using Monitor.Probes.Feed.Validation.Schema;

namespace Monitor.Probes.Feed.Validation;

/// <summary>
/// Checks one NDJSON line against its type's table in <see cref="InventorySchema"/>, with a
/// <see cref="JsonLineReader"/>: one pass, no allocation on a valid line, every problem recorded.
/// Every token is read, so syntax errors and nulls are found at any depth.
/// </summary>
internal static partial class LineScanner
{
    [InlineArray(EntitySchema.MaxCaptures)]
    private struct Captures
    {
        private double _element;
    }

    /// <summary>The ids of one reference property, reused by each worker thread.</summary>
    [ThreadStatic]
    private static List<ulong>? ReferenceHashes;

    /// <summary>What a line builds up while it is read; copied into its record at the end.</summary>
    private struct State
    {
        public LineRecord Rec;
        public List<FeedIssue> Issues;
        public List<EntityRef> ExtraRefs;
        public EntitySchema? Schema;
        public ulong Present;
        public ulong Captured;
        public Captures Values;
        public long StaleBefore;
        public bool TypeSeen;
        public DateCache Dates;
    }

    public static void Scan(ReadOnlySpan<byte> line, long staleBeforeUtcTicks, ref LineRecord rec, List<FeedIssue> issues, List<EntityRef> extraRefs, ref DateCache dates)
    {
        rec.IssueStart = issues.Count;
        rec.ExtraRefStart = extraRefs.Count;
        rec.ExtraRefCount = 0;
        var s = new State { Rec = rec, Issues = issues, ExtraRefs = extraRefs, StaleBefore = staleBeforeUtcTicks, Dates = dates };
        Read(line, ref s);
        rec = s.Rec;
        dates = s.Dates;
    }

    private static void Read(ReadOnlySpan<byte> line, ref State s)
    {
        var reader = new JsonLineReader(line);
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            if (reader.Failed)
            {
                ParseError(ref s);
                return;
            }

            Fail(ref s, FeedError.NotAnObject, null);
            return;
        }

        // The type decides the table. Feeds write @type first, so it is nearly always read right here;
        // otherwise a second, shallow pass finds it before the properties are checked.
        var first = reader.Read() && reader.TokenType == JsonTokenType.PropertyName;
        if (first && reader.ValueTextEquals("@type"u8))
        {
            var copy = reader;
            if (copy.Read() && copy.TokenType == JsonTokenType.String)
            {
                s.Rec.Type = WithUnescaped<EntityType, TypeName>(ref copy);
            }

            s.TypeSeen = true;
        }
        else if (!reader.Failed)
        {
            s.Rec.Type = SniffType(line, out s.TypeSeen);
        }

        s.Schema = InventorySchema.For(s.Rec.Type);
        if (first)
        {
            do
            {
                Property(line, ref reader, ref s);
            }
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName);
        }

        // A second value on the same line, or anything but whitespace, is a syntax error here.
        if (reader.Read() || reader.Failed)
        {
            ParseError(ref s);
            return;
        }

        if (reader.HasLoneSurrogate)
        {
            // An escaped half of a surrogate pair (\ud83d alone) stands for no character: the text cannot be UTF-8.
            Fail(ref s, FeedError.BadUtf8, null);
        }

        Finish(ref s);
    }

    private static void Property(ReadOnlySpan<byte> line, ref JsonLineReader reader, ref State s)
    {
        var nameStart = reader.TokenStartIndex + 1;
        var nameLength = reader.ValueSpan.Length;
        var rule = s.Schema is null ? null : Find(ref reader, s.Schema);
        reader.Read();
        var valueStart = reader.TokenStartIndex;
        if (reader.TokenType == JsonTokenType.Null)
        {
            if (rule is not null)
            {
                s.Present |= 1UL << rule.Index;
            }

            Fail(ref s, FeedError.NullValue, rule?.Name, null, nameStart, nameLength);
            return;
        }

        if (rule is null)
        {
            var nested = SkipNested(ref reader);
            if (nested != FeedError.None)
            {
                Fail(ref s, nested, null, ValuePaths.FirstNull(line[valueStart..]), nameStart, nameLength);
            }
            else if (s.Schema is not null)
            {
                Fail(ref s, FeedError.UnknownProperty, null, null, nameStart, nameLength);
            }

            return;
        }

        s.Present |= 1UL << rule.Index;
        var element = -1;
        var error = rule.Role switch
        {
            PropertyRole.Type => reader.TokenType == JsonTokenType.String ? FeedError.None : SkipWith(ref reader, FeedError.WrongType),
            PropertyRole.Id => ReadId(ref reader, ref s.Rec),
            _ => Values(ref reader, rule, ref s, out element),
        };
        if (error != FeedError.None)
        {
            // The path goes down to the element at fault: dayOfWeek[1], allergen[2].value, menuId.@id.
            var sub = error == FeedError.NullValue ? ValuePaths.FirstNull(line[valueStart..]) : ValuePaths.Element(element);
            Fail(ref s, error, rule.Name, sub);
        }
    }

    private static PropertyRule? Find(ref JsonLineReader reader, EntitySchema schema)
    {
        if (!reader.ValueIsEscaped)
        {
            return schema.Find(reader.ValueSpan);
        }

        // A property name written with escapes ("na\u006De") is still the same property.
        if (reader.ValueSpan.Length > 64)
        {
            return null;
        }

        Span<byte> name = stackalloc byte[64];
        return JsonEscapes.TryUnescape(reader.ValueSpan, name, out var written) ? schema.Find(name[..written]) : null;
    }

    /// <summary>Checks a value, or each element of a list for a repeated property; the first bad element is reported.</summary>
    private static FeedError Values(ref JsonLineReader reader, PropertyRule rule, ref State s, out int element)
    {
        element = -1;
        if (rule.Kind == ValueKind.Reference)
        {
            if (reader.TokenType is JsonTokenType.String or JsonTokenType.Number)
            {
                // The common form, a plain id: no list.
                var one = References.ReadId(ref reader, out var id);
                if (id != 0)
                {
                    AddReference(ref s, new EntityRef(rule.Target, rule.Name, id));
                }

                return one;
            }

            var hashes = ReferenceHashes ??= [];
            hashes.Clear();
            var error = References.Read(ref reader, hashes, out element);
            foreach (var hash in hashes)
            {
                AddReference(ref s, new EntityRef(rule.Target, rule.Name, hash));
            }

            return error;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return Value(ref reader, rule, ref s);
        }

        if (!rule.Repeated)
        {
            return SkipWith(ref reader, FeedError.WrongType);
        }

        var depth = reader.CurrentDepth;
        var first = FeedError.None;
        var index = 0;
        while (reader.Read() && reader.CurrentDepth > depth)
        {
            var e = reader.TokenType switch
            {
                JsonTokenType.Null => FeedError.NullValue,
                JsonTokenType.StartArray => SkipWith(ref reader, FeedError.WrongType),
                _ => Value(ref reader, rule, ref s),
            };
            if (first == FeedError.None && e != FeedError.None)
            {
                first = e;
                element = index;
            }

            index++;
        }

        return first;
    }

    private static void AddReference(ref State s, EntityRef r)
    {
        ref var rec = ref s.Rec;
        if (!rec.Ref1.IsSet)
        {
            rec.Ref1 = r;
        }
        else if (!rec.Ref2.IsSet)
        {
            rec.Ref2 = r;
        }
        else
        {
            s.ExtraRefs.Add(r);
            rec.ExtraRefCount++;
        }
    }

    private static void Finish(ref State s)
    {
        if (!s.TypeSeen)
        {
            Fail(ref s, FeedError.MissingType, "@type");
            return;
        }

        if (s.Schema is not { } schema)
        {
            Fail(ref s, FeedError.UnknownType, "@type");
            return;
        }

        for (var missing = schema.RequiredMask & ~s.Present; missing != 0; missing &= missing - 1)
        {
            var rule = schema.Properties[System.Numerics.BitOperations.TrailingZeroCount(missing)];
            Fail(ref s, rule.Role == PropertyRole.Id ? FeedError.MissingId : FeedError.MissingField, rule.Name);
        }

        foreach (var cross in schema.CrossRules)
        {
            Check(cross, ref s);
        }
    }

    private static void Check(CrossRule rule, ref State s)
    {
        var present = s.Present;
        switch (rule.Kind)
        {
            case CrossKind.ExactlyOne or CrossKind.AtMostOne:
                var groups = 0;
                foreach (var mask in rule.Masks)
                {
                    groups += (present & mask) != 0 ? 1 : 0;
                }

                if (groups > 1)
                {
                    Fail(ref s, FeedError.ConflictingFields, rule.Reported);
                }
                else if (groups == 0 && rule.Kind == CrossKind.ExactlyOne)
                {
                    Fail(ref s, FeedError.MissingField, rule.Reported);
                }

                break;

            case CrossKind.AnyOf:
                if ((present & rule.Masks[0]) == 0)
                {
                    Fail(ref s, FeedError.MissingField, rule.Reported);
                }

                break;

            case CrossKind.IfAnyThenAll or CrossKind.IfNoneThenAll:
                var condition = (present & rule.Masks[0]) != 0;
                if (condition == (rule.Kind == CrossKind.IfAnyThenAll) && (present & rule.Masks[1]) != rule.Masks[1])
                {
                    var missing = rule.Masks[1] & ~present;
                    Fail(ref s, FeedError.MissingField, s.Schema!.Properties[System.Numerics.BitOperations.TrailingZeroCount(missing)].Name);
                }

                break;

            case CrossKind.Ordered:
                var both = (1UL << rule.First) | (1UL << rule.Second);
                if ((s.Captured & both) == both)
                {
                    var low = s.Values[s.Schema!.Captures[rule.First]];
                    var high = s.Values[s.Schema.Captures[rule.Second]];
                    if (rule.Strict ? low >= high : low > high)
                    {
                        Fail(ref s, FeedError.BadRange, rule.Reported);
                    }
                }

                break;
        }
    }

    /// <summary>Reads past a value, reporting a null found anywhere inside it.</summary>
    internal static FeedError SkipNested(ref JsonLineReader reader)
    {
        if (reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
        {
            return FeedError.None;
        }

        var depth = reader.CurrentDepth;
        var error = FeedError.None;
        while (reader.Read() && reader.CurrentDepth > depth)
        {
            if (reader.TokenType == JsonTokenType.Null)
            {
                error = FeedError.NullValue;
            }
        }

        return error;
    }

    private static FeedError SkipWith(ref JsonLineReader reader, FeedError error)
    {
        SkipNested(ref reader);
        return error;
    }

    private static void ParseError(ref State s)
    {
        // Whatever was found before the syntax error says little; the line is reported as unreadable only.
        ref var rec = ref s.Rec;
        s.Issues.RemoveRange(rec.IssueStart, s.Issues.Count - rec.IssueStart);
        rec.IssueCount = 0;
        rec.Codes = 0;
        rec.Error = FeedError.None;
        rec.Ref1 = default;
        rec.Ref2 = default;
        s.ExtraRefs.RemoveRange(rec.ExtraRefStart, s.ExtraRefs.Count - rec.ExtraRefStart);
        rec.ExtraRefCount = 0;
        Fail(ref s, FeedError.ParseError, null);
    }

    private static void Fail(ref State s, FeedError error, string? property, string? sub = null, int nameStart = 0, int nameLength = 0)
    {
        ref var rec = ref s.Rec;
        s.Issues.Add(new FeedIssue(error, property, sub, nameStart, nameLength));
        rec.IssueCount++;
        rec.Codes |= FeedErrors.Bit(error);
        if (rec.Error == FeedError.None && !FeedErrors.IsWarning(error))
        {
            rec.Error = error;
        }
    }

    /// <summary>Finds the <c>@type</c> among the top-level properties; nearly always the first, so this costs two tokens.</summary>
    internal static EntityType SniffType(ReadOnlySpan<byte> line, out bool seen)
    {
        // Broken JSON (or an oversize line's cut-off start) ends the search: the main pass reports it, and
        // the type is whatever could be told before the break.
        seen = false;
        var reader = new JsonLineReader(line);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return EntityType.Unknown;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("@type"u8))
            {
                seen = true;
                return reader.Read() && reader.TokenType == JsonTokenType.String
                    ? WithUnescaped<EntityType, TypeName>(ref reader)
                    : EntityType.Unknown;
            }

            if (!reader.Read())
            {
                return EntityType.Unknown;
            }

            reader.Skip();
        }

        return EntityType.Unknown;
    }
}
