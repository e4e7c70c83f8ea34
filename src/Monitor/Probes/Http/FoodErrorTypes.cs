namespace Monitor.Probes.Http;

/// <summary>The <c>foodOrderErrors[].error</c> types of Google's FoodErrorExtension and what each means for a person.</summary>
internal static class FoodErrorTypes
{
    private static readonly Dictionary<string, string> Meanings = new(StringComparer.Ordinal)
    {
        ["CLOSED"] = "the restaurant is closed",
        ["NO_CAPACITY"] = "the restaurant has no capacity",
        ["INVALID"] = "the cart or order is invalid",
        ["NOT_FOUND"] = "an item or the restaurant was not found",
        ["PRICE_CHANGED"] = "a price changed",
        ["AVAILABILITY_CHANGED"] = "an item's availability changed",
        ["PAYMENT_DECLINED"] = "the payment was declined",
        ["MERCHANT_UNREACHABLE"] = "the partner cannot reach the restaurant",
        ["OUT_OF_SERVICE_AREA"] = "the address is outside the service area",
        ["UNAVAILABLE_SLOT"] = "the fulfillment time slot is unavailable",
        ["INCORRECT_PRICE"] = "a price in the cart is incorrect",
        ["PROMO_NOT_RECOGNIZED"] = "the promotion is not recognized",
        ["PROMO_EXPIRED"] = "the promotion expired",
        ["PROMO_USER_INELIGIBLE"] = "the user is not eligible for the promotion",
        ["PROMO_ORDER_INELIGIBLE"] = "the order is not eligible for the promotion",
        ["REQUIREMENTS_NOT_MET"] = "an order requirement is not met",
        ["BANNED_USER"] = "the user is banned",
        ["INELIGIBLE"] = "the user is not eligible",
    };

    /// <summary>Longest error type kept; a longer one is cut so a broken server cannot flood results.</summary>
    public const int MaxLength = 64;

    public static string Describe(string type) =>
        Meanings.TryGetValue(type, out var meaning) ? $"{type} ({meaning})" : $"{type} (not a known FoodErrorExtension type)";
}
