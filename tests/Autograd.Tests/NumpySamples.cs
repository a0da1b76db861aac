using System.Globalization;
using System.Text.Json;

namespace Autograd.Tests;

/// <summary>The committed numpy/scikit-learn samples and micrograd's demo inputs and output, read once.</summary>
internal static class NumpySamples
{
    /// <summary>The test collection of the classes that seed <c>NumpyRandom.Global</c>, so they never run at the same time.</summary>
    public const string GlobalGenerator = "NumpyRandom.Global";

    private static readonly Lazy<JsonElement> RootLazy = new(() => Load("numpy-moons.json"));
    private static readonly Lazy<JsonElement> DemoInputsLazy = new(() => Load("micrograd-demo-inputs.json"));

    /// <summary>TestData/numpy-moons.json, written by TestData/make-numpy-moons.py.</summary>
    public static JsonElement Root => RootLazy.Value;

    /// <summary>micrograd's demo inputs (numpy's first draws, the moons, the initial parameters) as CPython made them.</summary>
    public static JsonElement DemoInputs => DemoInputsLazy.Value;

    /// <summary>The lines <c>step k loss L, accuracy A%</c> of a TestData file of micrograd's demo output.</summary>
    public static string[] StepLines(string name) =>
        [.. File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "TestData", name)).Where(l => l.StartsWith("step ", StringComparison.Ordinal))];

    public static double Double(JsonElement repr) => double.Parse(repr.GetString()!, CultureInfo.InvariantCulture);

    public static double[] Doubles(JsonElement reprs) => [.. reprs.EnumerateArray().Select(Double)];

    private static JsonElement Load(string name)
    {
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", name)));
        return doc.RootElement.Clone();
    }
}
