using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lectures.Runner.Grading;

/// <summary>
/// What one check sent while grading (see <c>Autograd.Exercises.GradingChannel</c>): the exercise,
/// each answer the student's code gave an <c>Expect</c> call, in order, and how the check ended.
/// A record from a submission is untrusted input: anything that does not parse is no record.
/// </summary>
/// <param name="Exercise">The exercise id.</param>
/// <param name="Answers">The answers, in the order the check made its <c>Expect</c> calls.</param>
/// <param name="End"><c>completed</c>, <c>not-implemented</c> or <c>threw</c>.</param>
/// <param name="Message">Why the check ended early (the exception's type and message), or null.</param>
internal sealed record AnswerRecord(string Exercise, IReadOnlyList<Answer> Answers, string End, string? Message)
{
    /// <summary>The longest record read: more is not a check's answers.</summary>
    private const int MaxChars = 16 * 1024 * 1024;

    /// <summary>Reads a record, or null when <paramref name="json"/> is not one.</summary>
    public static AnswerRecord? Parse(string json)
    {
        if (json.Length > MaxChars)
        {
            return null;
        }

        try
        {
            if (JsonNode.Parse(json) is not JsonObject o || Text(o, "id") is not { } id || Text(o, "end") is not { } end || o["answers"] is not JsonArray items)
            {
                return null;
            }

            var answers = new List<Answer>(items.Count);
            foreach (JsonNode? item in items)
            {
                if (item is not JsonObject a || Text(a, "kind") is not { } kind || Text(a, "value") is not { } value)
                {
                    return null;
                }

                double tolerance = a["tolerance"] is JsonValue t && t.TryGetValue(out double tol) && double.IsFinite(tol) && tol >= 0 ? tol : 0;
                answers.Add(new Answer(kind, value, Text(a, "what") ?? string.Empty, tolerance));
            }

            return new AnswerRecord(id, answers, end, Text(o, "message"));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonObject o, string key) =>
        o[key] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
}
