using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Lectures.Runner.Tests;

/// <summary>
/// The exercises notebook as a teacher and a student meet it: the teacher's version (with its
/// solutions) passes every check, and the student's version (every solution replaced by a stub that
/// throws) still runs to its end, every check saying "not implemented yet".
/// </summary>
[Collection(LectureRunCollection.Name)]
public partial class ExerciseNotebookTests(LectureRunFixture run)
{
    private const string Exercises = "02-exercises.ipynb";

    private static string NotebookPath => Path.Combine(Repository.Root, "notebooks", Exercises);

    /// <summary>The ids of every <c>Exercise.Check("id", ...)</c> call in the notebook, in order.</summary>
    private static string[] ExerciseIds()
    {
        JsonNode notebook = JsonNode.Parse(File.ReadAllText(NotebookPath))!;
        return [.. notebook["cells"]!.AsArray()
            .Where(c => (string?)c!["cell_type"] == "code")
            .SelectMany(c => CheckCall().Matches(Source(c!)).Select(m => m.Groups[1].Value))];
    }

    [Fact]
    public void There_are_at_least_six_exercises()
    {
        Assert.True(ExerciseIds().Length >= 6, string.Join(", ", ExerciseIds()));
    }

    [Fact]
    public void The_teachers_version_passes_every_check()
    {
        string[] printed = run.Printed(Exercises);

        foreach (string id in ExerciseIds())
        {
            Assert.Contains($"Exercise {id}: correct", printed);
        }

        Assert.DoesNotContain(printed, l => l.StartsWith("Exercise ", StringComparison.Ordinal) && !l.EndsWith(": correct", StringComparison.Ordinal));
    }

    [Fact]
    public void The_students_version_runs_to_the_end_with_every_check_not_implemented()
    {
        string folder = Directory.CreateTempSubdirectory("student-version").FullName;
        try
        {
            string student = Path.Combine(folder, Exercises);
            File.WriteAllText(student, StudentVersion(File.ReadAllText(NotebookPath)));
            string output = Path.Combine(folder, "out");

            RunResult result = Runner.Run(Repository.Root, student, "--out", output);

            Assert.True(result.ExitCode == 0, result.ToString());
            string[] printed = ExecutedNotebook.StdoutLines(Path.Combine(output, Exercises));
            Assert.Equal(
                ExerciseIds().Select(id => $"Exercise {id}: not implemented yet"),
                printed.Where(l => l.StartsWith("Exercise ", StringComparison.Ordinal)));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// Each solution region replaced by <c>throw new NotImplementedException();</c> at the region's
    /// indentation, and the library's relative paths made absolute so the copy runs from anywhere.
    /// </summary>
    internal static string StudentVersion(string json)
    {
        JsonNode notebook = JsonNode.Parse(json)!;
        foreach (JsonNode? cell in notebook["cells"]!.AsArray())
        {
            if ((string?)cell!["cell_type"] != "code")
            {
                continue;
            }

            string source = SolutionRegion().Replace(Source(cell), m => m.Groups[1].Value + "throw new NotImplementedException();");
            cell["source"] = source.Replace("#r \"../", "#r \"" + Repository.Root.Replace('\\', '/') + "/", StringComparison.Ordinal);
        }

        return notebook.ToJsonString();
    }

    private static string Source(JsonNode cell) => cell["source"] switch
    {
        JsonArray lines => string.Concat(lines.Select(l => (string?)l)),
        JsonNode text => (string?)text ?? string.Empty,
        null => string.Empty,
    };

    [GeneratedRegex(@"^([ \t]*)// BEGIN SOLUTION[^\n]*\n.*?^[ \t]*// END SOLUTION[^\n]*$", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex SolutionRegion();

    [GeneratedRegex("Exercise\\.Check\\(\"([a-z0-9-]+)\"")]
    private static partial Regex CheckCall();
}
