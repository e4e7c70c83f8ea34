using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Json;

namespace Monitor.Demo;

/// <summary>
/// The simulated partner's checkout answers, generated at build time as a native build has no reflection to serialize with.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(CheckoutCreated))]
[JsonSerializable(typeof(CheckoutFailed))]
internal sealed partial class PartnerJson : JsonSerializerContext
{
    /// <summary>The web host's own JSON settings, which these answers have always had (web names, nulls written, relaxed escaping).</summary>
    public static PartnerJson Web { get; } = new(new JsonOptions().SerializerOptions);
}

/// <summary>A checkout that went through.</summary>
internal sealed record CheckoutCreated(string ExpectedFinalState, string Cart, bool IsInSandbox);

/// <summary>A business error inside a 200: <c>finalResponse.richResponse.items[].structuredResponse.error</c>, as the Actions order API nests it.</summary>
internal sealed record CheckoutFailed(CheckoutFinalResponse FinalResponse);

internal sealed record CheckoutFinalResponse(CheckoutRichResponse RichResponse);

internal sealed record CheckoutRichResponse(IReadOnlyList<CheckoutItem> Items);

internal sealed record CheckoutItem(CheckoutStructuredResponse StructuredResponse);

internal sealed record CheckoutStructuredResponse(FoodErrorExtension Error);

/// <summary>The error extension; its <c>type</c> names it and <c>foodOrderErrors</c> say what failed.</summary>
internal sealed record FoodErrorExtension(string Type, IReadOnlyList<FoodOrderError> FoodOrderErrors);

internal sealed record FoodOrderError(string Error, string Description);
