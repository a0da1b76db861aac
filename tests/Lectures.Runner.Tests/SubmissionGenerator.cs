using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Lectures.Runner.Tests;

/// <summary>
/// Makes the submissions of an imaginary class from the instructor's notebook as it is today (and
/// the student version the runner writes from it), so that editing the exercises never breaks
/// the grading tests. The student version keeps the instructor's cells one for one, so a cell can
/// be taken from either.
/// </summary>
public sealed partial class SubmissionGenerator
{
    private readonly JsonArray _instructor;
    private readonly JsonArray _student;
    private readonly JsonObject _notebook;

    public SubmissionGenerator(string instructorJson, string studentJson)
    {
        _notebook = JsonNode.Parse(instructorJson)!.AsObject();
        _instructor = _notebook["cells"]!.AsArray();
        _student = JsonNode.Parse(studentJson)!["cells"]!.AsArray();
        Assert.Equal(_instructor.Count, _student.Count);
        CheckCells = [.. Enumerable.Range(0, _instructor.Count).Where(i => IsCheck(_instructor[i]!))];
        Assert.True(CheckCells.Count >= 2, "the assignment needs two check cells for these tests");
        Exercises = [.. CheckCells.SelectMany(ExercisesCheckedBy)];
        SolvedInHalfDone = [.. CheckCells.Take((CheckCells.Count + 1) / 2).SelectMany(ExercisesCheckedBy)];
        CheckedFirst = ExercisesCheckedBy(CheckCells[0]);
        FirstCheckId = _instructor[CheckCells[0]]!["id"]!.GetValue<string>();
        IdBeforeFirstCheck = _instructor[CheckCells[0] - 1]!["id"]!.GetValue<string>();
    }

    /// <summary>The cell id of the first check cell, which the half-done student deleted.</summary>
    public string FirstCheckId { get; }

    /// <summary>The cell id of the cell before it in the assignment, after which it must come back.</summary>
    public string IdBeforeFirstCheck { get; }

    /// <summary>The indexes of the check cells.</summary>
    public IReadOnlyList<int> CheckCells { get; }

    /// <summary>Every exercise id, in the order the notebook checks them.</summary>
    public IReadOnlyList<string> Exercises { get; }

    /// <summary>The exercises the half-done student solved: those of the first half of the check cells.</summary>
    public IReadOnlyList<string> SolvedInHalfDone { get; }

    /// <summary>The exercises of the first check cell, which runs before the crashing or hanging cell.</summary>
    public IReadOnlyList<string> CheckedFirst { get; }

    /// <summary>The instructor's notebook, solutions and all.</summary>
    public string Right() => Notebook(Enumerable.Range(0, _instructor.Count).Select(Instructor));

    /// <summary>The student version as handed out, not touched.</summary>
    public string Untouched() => Notebook(Enumerable.Range(0, _student.Count).Select(Student));

    /// <summary>
    /// The solutions of the first half of the exercises (each solution cell belongs to the first
    /// check after it), stubs for the rest; the student deleted the first check cell and added a
    /// cell that prints "correct" for every exercise, which must not count.
    /// </summary>
    public string HalfDone()
    {
        int lastSolvedCheck = CheckCells[((CheckCells.Count + 1) / 2) - 1];
        var cells = new List<JsonObject>();
        for (int i = 0; i < _instructor.Count; i++)
        {
            if (i != CheckCells[0])
            {
                cells.Add(i <= lastSolvedCheck ? Instructor(i) : Student(i));
            }
        }

        JsonObject forged = StudentCell("forged-verdicts", string.Join("\n", Exercises.Select(e => $"Console.WriteLine(\"Exercise {e}: correct\");")));
        forged["metadata"] = new JsonObject();   // as Jupyter writes a new cell: the notebook's default kernel runs it
        cells.Add(forged);
        return Notebook(cells);
    }

    /// <summary>
    /// Every solution replaced by code that throws, and every check cell "weakened" to print
    /// "correct": the instructor's checks, put back, must fail them all.
    /// </summary>
    public string Wrong() => Notebook(Enumerable.Range(0, _instructor.Count).Select(i =>
    {
        JsonObject cell = Instructor(i);
        string source = Source(cell);
        if (IsCheck(cell))
        {
            cell["source"] = string.Join("\n", ExercisesCheckedBy(i).Select(e => $"Console.WriteLine(\"Exercise {e}: correct\");"));
        }
        else if (source.Contains("// BEGIN SOLUTION", StringComparison.Ordinal))
        {
            cell["source"] = SolutionRegion().Replace(source, m => $"{m.Groups[1].Value}throw new InvalidOperationException(\"a wrong answer\");\n");
        }

        return cell;
    }));

    /// <summary>The instructor's notebook with the code of the cell that starts with <paramref name="start"/> replaced by <paramref name="code"/>.</summary>
    public string WithCellReplaced(string start, string code) => Notebook(Enumerable.Range(0, _instructor.Count).Select(i =>
    {
        JsonObject cell = Instructor(i);
        if (Source(cell).StartsWith(start, StringComparison.Ordinal))
        {
            cell["source"] = code;
        }

        return cell;
    }));

    /// <summary>The instructor's notebook with a cell of the student's right after the first check cell.</summary>
    public string WithCellAfterFirstCheck(string id, string code)
    {
        List<JsonObject> cells = [.. Enumerable.Range(0, _instructor.Count).Select(Instructor)];
        cells.Insert(CheckCells[0] + 1, StudentCell(id, code));
        return Notebook(cells);
    }

    private static bool IsCheck(JsonNode cell) => cell["cell_type"]!.GetValue<string>() == "code" && Source(cell).Contains("Exercise.Check(", StringComparison.Ordinal);

    private List<string> ExercisesCheckedBy(int cell) => [.. CheckCall().Matches(Source(_instructor[cell]!)).Select(m => m.Groups[1].Value)];

    private JsonObject Instructor(int i) => _instructor[i]!.DeepClone().AsObject();

    private JsonObject Student(int i) => _student[i]!.DeepClone().AsObject();

    /// <summary>A code cell as a student adds it in VS Code.</summary>
    internal static JsonObject StudentCell(string id, string code) => new()
    {
        ["cell_type"] = "code",
        ["execution_count"] = null,
        ["id"] = id,
        ["metadata"] = new JsonObject { ["polyglot_notebook"] = new JsonObject { ["kernelName"] = "csharp" } },
        ["outputs"] = new JsonArray(),
        ["source"] = code,
    };

    /// <summary>A cell's source, whether stored as one string or as lines.</summary>
    internal static string Source(JsonNode cell) => cell["source"] switch
    {
        JsonArray lines => string.Concat(lines.Select(l => l!.GetValue<string>())),
        JsonNode text => text.GetValue<string>(),
        null => string.Empty,
    };

    private string Notebook(IEnumerable<JsonObject> cells)
    {
        var notebook = _notebook.DeepClone().AsObject();
        notebook["cells"] = new JsonArray([.. cells]);
        return notebook.ToJsonString();
    }

    [GeneratedRegex("""Exercise\.Check\(\s*"([a-z0-9-]+)"\s*,""")]
    private static partial Regex CheckCall();

    /// <summary>A whole solution region, markers included, with the indentation of its first marker.</summary>
    [GeneratedRegex(@"^([ \t]*)// BEGIN SOLUTION[ \t]*\r?\n.*?^[ \t]*// END SOLUTION[ \t]*(\r?\n|$)", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex SolutionRegion();
}
