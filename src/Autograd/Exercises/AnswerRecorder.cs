using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Autograd.Exercises;

/// <summary>
/// Collects the answers of the check running on the current thread while grading: what each
/// <see cref="Expect"/> call was given as the student's value, in call order, and never a verdict.
/// </summary>
internal sealed class AnswerRecorder
{
    [ThreadStatic]
    private static AnswerRecorder? t_current;

    private readonly JsonArray _answers = [];

    /// <summary>The recorder of the check on this thread, or null outside a graded check.</summary>
    public static AnswerRecorder? Current
    {
        get => t_current;
        set => t_current = value;
    }

    public void Number(double actual, string what, double tolerance) =>
        Add("number", actual.ToString("R", CultureInfo.InvariantCulture), what, tolerance);

    public void Value(string actual, string what) => Add("value", actual, what, 0);

    public void Condition(bool actual, string what) => Add("condition", actual ? "true" : "false", what, 0);

    public void Sequence(IEnumerable<string> actual, string what) =>
        Add("sequence", JsonSerializer.Serialize(actual.ToArray()), what, 0);

    public void Code(string method, string what) => Add("code", method, what, 0);

    /// <summary>The record sent to the grader: the exercise, the answers and how the check ended.</summary>
    public string Record(string id, string end, string? message) => new JsonObject
    {
        ["id"] = id,
        ["answers"] = _answers.DeepClone(),
        ["end"] = end,
        ["message"] = message,
    }.ToJsonString();

    private void Add(string kind, string value, string what, double tolerance)
    {
        lock (_answers)
        {
            _answers.Add(new JsonObject { ["kind"] = kind, ["value"] = value, ["what"] = what, ["tolerance"] = tolerance });
        }
    }
}
