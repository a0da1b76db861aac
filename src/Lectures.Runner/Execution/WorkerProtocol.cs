using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lectures.Runner.Execution;

/// <summary>
/// The messages between the runner and its kernel worker: one JSON object per line on a private
/// socket (never the worker's standard output, which a cell can write to), its kind in <c>"t"</c>.
/// The worker sends <see cref="MessageKind.Ready"/> once its kernel is up, then for each cell
/// <see cref="MessageKind.Started"/>, its outputs as they appear, and <see cref="MessageKind.Finished"/>;
/// the runner sends <see cref="MessageKind.Run"/> per cell and closes the socket when done.
/// </summary>
internal static class WorkerProtocol
{
    /// <summary>The hidden verb that turns the runner's executable into a worker.</summary>
    public const string WorkerVerb = "worker";

    /// <summary>The longest line the runner accepts from a worker (a larger one is a broken worker, not output).</summary>
    public const int MaxLineChars = 64 * 1024 * 1024;

    /// <summary>The <c>AppContext</c> key under which a graded check cell finds the sink for its answers (Autograd.Exercises.GradingChannel.SinkKey).</summary>
    public const string AnswerSinkKey = "Autograd.Exercises.AnswerSink";

    /// <summary>The <c>AppContext</c> key of the seed of the hidden inputs (Autograd.Exercises.GradingChannel.SeedKey).</summary>
    public const string GradingSeedKey = "Autograd.Exercises.GradingSeed";

    /// <summary>What a message is, as its <c>"t"</c> says.</summary>
    public enum MessageKind
    {
        /// <summary>Worker to runner: the kernel is up.</summary>
        Ready,

        /// <summary>Runner to worker: run one cell's code.</summary>
        Run,

        /// <summary>Worker to runner: the cell started; its timeout counts from here.</summary>
        Started,

        /// <summary>Worker to runner: one check's answer record, as the check's library wrote it.</summary>
        Answers,

        /// <summary>Worker to runner: text on standard output or standard error.</summary>
        Stream,

        /// <summary>Worker to runner: an error the kernel reported.</summary>
        Error,

        /// <summary>Worker to runner: a displayed or returned value.</summary>
        Display,

        /// <summary>Worker to runner: a new state of an earlier display (same display id).</summary>
        Update,

        /// <summary>Worker to runner: the cell finished, with its error if any.</summary>
        Finished,

        /// <summary>Worker to runner: an exception nobody caught is about to end the process.</summary>
        Fatal,
    }

    private static readonly Dictionary<string, MessageKind> s_kinds =
        Enum.GetValues<MessageKind>().ToDictionary(Name, k => k, StringComparer.Ordinal);

    public static JsonObject Ready() => Message(MessageKind.Ready);

    public static JsonObject Started() => Message(MessageKind.Started);

    /// <summary>Runs a cell; with <paramref name="seed"/>, as a graded check cell whose answers come back as <see cref="MessageKind.Answers"/> messages.</summary>
    public static JsonObject Run(string code, string kernelName, long? seed = null) =>
        Message(MessageKind.Run, ("code", code), ("kernel", kernelName), ("seed", seed?.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>One check's answer record, as the check's library wrote it.</summary>
    public static JsonObject Answers(string record) => Message(MessageKind.Answers, ("record", record));

    public static JsonObject Finished(string? error, string? plotlyAssembly) => Message(MessageKind.Finished, ("error", error), ("plotly", plotlyAssembly));

    public static JsonObject Fatal(string message) => Message(MessageKind.Fatal, ("message", message));

    public static JsonObject Stream(string name, string text) => Message(MessageKind.Stream, ("name", name), ("text", text));

    public static JsonObject Error(string name, string message) => Message(MessageKind.Error, ("name", name), ("message", message));

    /// <summary>A displayed or returned value; <paramref name="update"/> replaces the earlier output with the same display id.</summary>
    public static JsonObject Display(IReadOnlyDictionary<string, string> data, bool isReturnValue, string? chartJson, string? displayId, bool update)
    {
        var mimes = new JsonObject();
        foreach ((string mime, string value) in data)
        {
            mimes[mime] = value;
        }

        JsonObject message = Message(update ? MessageKind.Update : MessageKind.Display, ("chart", chartJson), ("id", displayId));
        message["data"] = mimes;
        message["ret"] = isReturnValue;
        return message;
    }

    /// <summary>The message's kind, or null for one this protocol does not have.</summary>
    public static MessageKind? Kind(JsonObject message) =>
        Text(message, "t") is string name && s_kinds.TryGetValue(name, out MessageKind kind) ? kind : null;

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

    /// <summary>The kind's name on the wire: the enum name in lower case.</summary>
    private static string Name(MessageKind kind) => kind.ToString().ToLowerInvariant();

    private static JsonObject Message(MessageKind kind, params (string Key, string? Value)[] fields)
    {
        var message = new JsonObject { ["t"] = Name(kind) };
        foreach ((string key, string? value) in fields)
        {
            message[key] = value;
        }

        return message;
    }
}
