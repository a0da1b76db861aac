using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lectures.Runner.Grading;

/// <summary>
/// One part of a class graded on its own machine (<c>grade --shard K/N</c>): which submissions are
/// its own (every N-th in name order, from the K-th, so the parts never overlap and every machine
/// agrees without talking to the others), and the <c>shard.json</c> it leaves beside its tables so
/// that <c>grade merge</c> can write the tables of the whole class exactly as one run would.
/// </summary>
/// <param name="Index">K, from 1.</param>
/// <param name="Count">N.</param>
internal sealed record GradeShard(int Index, int Count)
{
    public const string FileName = "shard.json";

    /// <summary>Reads <c>K/N</c>; null with <paramref name="error"/> when it is not one.</summary>
    public static GradeShard? Parse(string? text, out string? error)
    {
        error = null;
        string[] parts = (text ?? string.Empty).Split('/');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int k)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int n)
            && n is >= 1 and <= 1000 && k >= 1 && k <= n)
        {
            return new GradeShard(k, n);
        }

        error = $"--shard needs K/N with 1 <= K <= N <= 1000 (such as 2/4){(text is null ? string.Empty : $", not '{text}'")}.";
        return null;
    }

    /// <summary>This shard's part of <paramref name="sorted"/> (the whole class in name order).</summary>
    public IEnumerable<T> Take<T>(IEnumerable<T> sorted) => sorted.Where((_, i) => i % Count == Index - 1);

    /// <summary>What merge needs: the assignment, the columns, the sandbox and every row with its details.</summary>
    public static string Write(GradeShard shard, string assignment, IReadOnlyList<string> exercises, string? sandbox, IReadOnlyList<SubmissionGrade> rows)
    {
        var json = new JsonObject
        {
            ["shard"] = shard.Index,
            ["of"] = shard.Count,
            ["assignment"] = assignment,
            ["exercises"] = new JsonArray([.. exercises.Select(e => (JsonNode)e)]),
            ["sandbox"] = sandbox,
            ["rows"] = new JsonArray([.. rows.Select(r => (JsonNode)new JsonObject
            {
                ["submission"] = r.Submission,
                ["run"] = r.Run,
                ["page"] = r.Page,
                ["exercises"] = new JsonObject(r.Exercises.Select(e => KeyValuePair.Create(e.Key, (JsonNode?)new JsonObject
                {
                    ["status"] = e.Value.Status.ToString(),
                    ["detail"] = e.Value.Detail,
                }))),
            })]),
        };
        return json.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>A shard's file as written by <see cref="Write"/>.</summary>
    /// <exception cref="GradingException">The file is not one.</exception>
    public static (GradeShard Shard, string Assignment, IReadOnlyList<string> Exercises, string? Sandbox, IReadOnlyList<SubmissionGrade> Rows) Read(string path)
    {
        try
        {
            JsonObject json = JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new GradingException($"{path}: not a shard file");
            var shard = new GradeShard(json["shard"]!.GetValue<int>(), json["of"]!.GetValue<int>());
            List<string> exercises = [.. json["exercises"]!.AsArray().Select(e => e!.GetValue<string>())];
            List<SubmissionGrade> rows = [.. json["rows"]!.AsArray().Select(r => new SubmissionGrade(
                r!["submission"]!.GetValue<string>(),
                r["exercises"]!.AsObject().ToDictionary(
                    e => e.Key,
                    e => new ExerciseGrade(Enum.Parse<ExerciseStatus>(e.Value!["status"]!.GetValue<string>()), e.Value["detail"]?.GetValue<string>()),
                    StringComparer.Ordinal),
                r["run"]!.GetValue<string>(),
                r["page"]?.GetValue<string>()))];
            return (shard, json["assignment"]!.GetValue<string>(), exercises, json["sandbox"]?.GetValue<string>(), rows);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or NullReferenceException or ArgumentException or FormatException)
        {
            throw new GradingException($"{path}: not a shard file written by grade --shard ({e.Message})");
        }
    }
}
