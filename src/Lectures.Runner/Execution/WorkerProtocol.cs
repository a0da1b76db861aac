using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lectures.Runner;

/// <summary>
/// The messages between the runner and its kernel worker: one JSON object per line on a private
/// socket (never the worker's standard output, which a cell can write to). The worker sends
/// <c>ready</c> once its kernel is up, then for each cell <c>started</c>, its outputs as they
/// appear, and <c>finished</c>; the runner sends <c>run</c> per cell and closes the socket when done.
/// </summary>
internal static class WorkerProtocol
{
    /// <summary>The hidden verb that turns the runner's executable into a worker.</summary>
    public const string WorkerVerb = "worker";

    /// <summary>The longest line the runner accepts from a worker (a larger one is a broken worker, not output).</summary>
    public const int MaxLineChars = 64 * 1024 * 1024;

    public static JsonObject Ready() => new() { ["t"] = "ready" };

    public static JsonObject Started() => new() { ["t"] = "started" };

    /// <summary>The <c>AppContext</c> key under which a graded check cell finds the sink for its answers (Autograd.Exercises.GradingChannel.SinkKey).</summary>
    public const string AnswerSinkKey = "Autograd.Exercises.AnswerSink";

    /// <summary>The <c>AppContext</c> key of the seed of the hidden inputs (Autograd.Exercises.GradingChannel.SeedKey).</summary>
    public const string GradingSeedKey = "Autograd.Exercises.GradingSeed";

    /// <summary>Runs a cell; with <paramref name="seed"/>, as a graded check cell whose answers come back as <c>answers</c> messages.</summary>
    public static JsonObject Run(string code, string kernelName, long? seed = null) => seed is null
        ? new() { ["t"] = "run", ["code"] = code, ["kernel"] = kernelName }
        : new() { ["t"] = "run", ["code"] = code, ["kernel"] = kernelName, ["seed"] = seed.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) };

    /// <summary>One check's answer record, as the check's library wrote it.</summary>
    public static JsonObject Answers(string record) => new() { ["t"] = "answers", ["record"] = record };

    public static JsonObject Finished(string? error, string? plotlyAssembly) => new() { ["t"] = "finished", ["error"] = error, ["plotly"] = plotlyAssembly };

    public static JsonObject Fatal(string message) => new() { ["t"] = "fatal", ["message"] = message };

    public static JsonObject Stream(string name, string text) => new() { ["t"] = "stream", ["name"] = name, ["text"] = text };

    public static JsonObject Error(string name, string message) => new() { ["t"] = "error", ["name"] = name, ["message"] = message };

    /// <summary>A displayed or returned value; <paramref name="update"/> replaces the earlier output with the same display id.</summary>
    public static JsonObject Display(IReadOnlyDictionary<string, string> data, bool isReturnValue, string? chartJson, string? displayId, bool update)
    {
        var mimes = new JsonObject();
        foreach ((string mime, string value) in data)
        {
            mimes[mime] = value;
        }

        return new JsonObject { ["t"] = update ? "update" : "display", ["data"] = mimes, ["ret"] = isReturnValue, ["chart"] = chartJson, ["id"] = displayId };
    }

    public static byte[] Encode(JsonObject message) => Encoding.UTF8.GetBytes(message.ToJsonString() + "\n");

    /// <summary>Reads a message, or null for a line that is not one (the caller treats that as a broken worker).</summary>
    public static JsonObject? Decode(string line)
    {
        try
        {
            return JsonNode.Parse(line) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static string? Text(JsonObject message, string key) =>
        message[key] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    public static bool Flag(JsonObject message, string key) =>
        message[key] is JsonValue value && value.GetValueKind() == JsonValueKind.True;

    public static Dictionary<string, string> Data(JsonObject message)
    {
        var data = new Dictionary<string, string>(StringComparer.Ordinal);
        if (message["data"] is JsonObject mimes)
        {
            foreach ((string mime, JsonNode? value) in mimes)
            {
                if (value is JsonValue text && text.GetValueKind() == JsonValueKind.String)
                {
                    data[mime] = text.GetValue<string>();
                }
            }
        }

        return data;
    }
}
