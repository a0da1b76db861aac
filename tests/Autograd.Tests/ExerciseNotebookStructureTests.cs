using System.Text.Json;
using System.Text.RegularExpressions;

namespace Autograd.Tests;

/// <summary>
/// The exercises notebook keeps the shape its student version and its grader rely on: solutions
/// only between the markers, inside a body, never in a check cell; one check cell per exercise.
/// </summary>
public partial class ExerciseNotebookStructureTests
{
    private static readonly string NotebookPath = Path.Combine(Repository.Root, "notebooks", "02-exercises.ipynb");

    private static (string Id, string Source)[] CodeCells()
    {
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(NotebookPath));
        return [.. doc.RootElement.GetProperty("cells").EnumerateArray()
            .Where(c => c.GetProperty("cell_type").GetString() == "code")
            .Select(c => (c.GetProperty("id").GetString()!, c.GetProperty("source") is { ValueKind: JsonValueKind.Array } lines
                ? string.Concat(lines.EnumerateArray().Select(l => l.GetString()))
                : c.GetProperty("source").GetString()!))];
    }

    [Fact]
    public void Solution_markers_pair_up_and_sit_indented_inside_a_body()
    {
        foreach ((string id, string source) in CodeCells())
        {
            bool open = false;
            foreach (string line in source.Split('\n'))
            {
                string trimmed = line.Trim();
                if (trimmed.StartsWith("// BEGIN SOLUTION", StringComparison.Ordinal))
                {
                    Assert.False(open, $"cell {id}: a BEGIN SOLUTION inside another region");
                    Assert.True(line.StartsWith(' '), $"cell {id}: a region must sit inside a method, operator or accessor body, not at the top level");
                    open = true;
                }
                else if (trimmed.StartsWith("// END SOLUTION", StringComparison.Ordinal))
                {
                    Assert.True(open, $"cell {id}: END SOLUTION without BEGIN SOLUTION");
                    open = false;
                }
            }

            Assert.False(open, $"cell {id}: BEGIN SOLUTION without END SOLUTION");
        }
    }

    [Fact]
    public void Each_exercise_has_one_check_cell_with_no_solution_in_it()
    {
        var ids = new List<string>();
        foreach ((string cellId, string source) in CodeCells())
        {
            string[] checks = [.. CheckCall().Matches(source).Select(m => m.Groups[1].Value)];
            if (checks.Length > 0)
            {
                Assert.DoesNotContain("BEGIN SOLUTION", source, StringComparison.Ordinal);
                ids.AddRange(checks);
            }
        }

        Assert.True(ids.Count >= 6, $"only {ids.Count} exercises");
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(ids, id => Assert.Matches("^[a-z0-9]+(-[a-z0-9]+)*$", id));
    }

    [Fact]
    public void The_class_is_the_lecture_notebooks_class_plus_the_exercise_members()
    {
        string lecture = ClassCell(Path.Combine(Repository.Root, "notebooks", "01-lectures-07-08-autograd.ipynb"));
        string exercises = ClassCell(NotebookPath);

        string withoutExercises = ExerciseMembers().Replace(exercises, string.Empty);
        Assert.Equal(lecture, withoutExercises);
    }

    private static string ClassCell(string notebook)
    {
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(notebook));
        return doc.RootElement.GetProperty("cells").EnumerateArray()
            .Select(c => string.Concat(c.GetProperty("source").EnumerateArray().Select(l => l.GetString())))
            .Single(s => s.StartsWith("public class CompNode", StringComparison.Ordinal));
    }

    [GeneratedRegex("Exercise\\.Check\\(\"([^\"]*)\"")]
    private static partial Regex CheckCall();

    /// <summary>From the first exercise comment to the blank line after the last exercise member.</summary>
    [GeneratedRegex(@"    // Exercise division:.*?// END SOLUTION\n    }\n\n(?=    // The lecture's __eq__)", RegexOptions.Singleline)]
    private static partial Regex ExerciseMembers();
}
