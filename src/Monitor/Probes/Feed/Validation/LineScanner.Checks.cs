using Monitor.Probes.Feed.Validation.Schema;

namespace Monitor.Probes.Feed.Validation;

/// <summary>The checks of a string value's unescaped bytes, one type each.</summary>
/// <remarks>
/// A type argument instead of a delegate: the JIT compiles each use on its own and inlines the check into it,
/// where a delegate call stays an indirect call unless dynamic PGO guesses its target, and the daemon runs
/// without PGO. The scanner calls one per line for its <c>@type</c> and one per formatted value.
/// </remarks>
internal static partial class LineScanner
{
    private interface ISpanCheck<out T>
    {
        static abstract T Of(ReadOnlySpan<byte> value);
    }

    private readonly struct TypeName : ISpanCheck<EntityType>
    {
        public static EntityType Of(ReadOnlySpan<byte> value) => EntityTypes.Parse(value);
    }

    private readonly struct TimeFormat : ISpanCheck<bool>
    {
        public static bool Of(ReadOnlySpan<byte> value) => Formats.IsTime(value);
    }

    private readonly struct DurationFormat : ISpanCheck<bool>
    {
        public static bool Of(ReadOnlySpan<byte> value) => Formats.IsDuration(value);
    }

    private readonly struct CurrencyFormat : ISpanCheck<bool>
    {
        public static bool Of(ReadOnlySpan<byte> value) => IsoCodes.IsCurrency(value);
    }

    private readonly struct CountryFormat : ISpanCheck<bool>
    {
        public static bool Of(ReadOnlySpan<byte> value) => IsoCodes.IsCountry(value);
    }

    private readonly struct TelephoneFormat : ISpanCheck<bool>
    {
        public static bool Of(ReadOnlySpan<byte> value) => Formats.IsTelephone(value);
    }

    private readonly struct UrlFormat : ISpanCheck<bool>
    {
        public static bool Of(ReadOnlySpan<byte> value) => Formats.IsUrl(value);
    }

    private readonly struct PolygonFormat : ISpanCheck<bool>
    {
        public static bool Of(ReadOnlySpan<byte> value) => Formats.IsPolygon(value);
    }
}
