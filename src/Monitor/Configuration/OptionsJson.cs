using System.Text.Json.Serialization;

namespace Monitor.Configuration;

/// <summary>
/// The compiled JSON contract of the configuration: it gives the shape checker the option types' properties, and the
/// reload plan a stable text of every setting to compare, in a native build as in a JIT one.
/// </summary>
[JsonSourceGenerationOptions(WriteIndented = false)]
[JsonSerializable(typeof(MonitorOptions))]
internal sealed partial class OptionsJson : JsonSerializerContext;
