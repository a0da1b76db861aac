using System.Text.Json;
using System.Text.RegularExpressions;

namespace Autograd.Tests;

/// <summary>
/// The exercises notebooks keep the shape their student versions and their grader rely on: solutions
/// only between the markers, inside a body, never in a check cell; one check cell per exercise.
/// </summary>
public partial class ExerciseNotebookStructureTests
{
    private static readonly string NotebookPath = NotebookIn("02-exercises.ipynb");

    /// <summary>Each exercises notebook and the fewest exercises it has.</summary>
    public static TheoryData<string, int> ExerciseNotebooks() => new()
    {
        { "02-exercises.ipynb", 6 },
        { "06-neural-network-exercises.ipynb", 4 },
    };

    private static string NotebookIn(string name) => Path.Combine(Repository.Root, "notebooks", name);

    private static (string Id, string Source)[] CodeCells(string notebook)
    {
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(notebook));
        return [.. doc.RootElement.GetProperty("cells").EnumerateArray()
            .Where(c => c.GetProperty("cell_type").GetString() == "code")
            .Select(c => (c.GetProperty("id").GetString()!, c.GetProperty("source") is { ValueKind: JsonValueKind.Array } lines
                ? string.Concat(lines.EnumerateArray().Select(l => l.GetString()))
                : c.GetProperty("source").GetString()!))];
    }

    [Theory]
    [InlineData("02-exercises.ipynb")]
    [InlineData("06-neural-network-exercises.ipynb")]
    public void Solution_markers_pair_up_and_sit_indented_inside_a_body(string notebook)
    {
        foreach ((string id, string source) in CodeCells(NotebookIn(notebook)))
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

    [Theory]
    [MemberData(nameof(ExerciseNotebooks))]
    public void Each_exercise_has_one_check_cell_with_no_solution_in_it(string notebook, int exercises)
    {
        var ids = new List<string>();
        foreach ((string cellId, string source) in CodeCells(NotebookIn(notebook)))
        {
            string[] checks = [.. CheckCall().Matches(source).Select(m => m.Groups[1].Value)];
            if (checks.Length > 0)
            {
                Assert.DoesNotContain("BEGIN SOLUTION", source, StringComparison.Ordinal);
                ids.AddRange(checks);
            }
        }

        Assert.True(ids.Count >= exercises, $"only {ids.Count} exercises");
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

    /// <summary>The neural-network exercises run the lecture's classes and loss as the lecture has them, cell for cell.</summary>
    [Fact]
    public void The_neural_network_exercises_have_the_lectures_classes_and_loss_unchanged()
    {
        var lecture = CodeCells(NotebookIn("05-neural-network.ipynb")).ToDictionary(c => c.Id, c => c.Source);
        (string Id, string Source)[] exercises = CodeCells(NotebookIn("06-neural-network-exercises.ipynb"));
        string[] shared = ["4a8c2e71", "3f5ad8c9", "b91e4a37"];

        foreach (string id in shared)
        {
            Assert.Equal(lecture[id], exercises.Single(c => c.Id == id).Source);
        }

        Assert.Contains("public class MLP : Module", lecture[shared[1]], StringComparison.Ordinal);
        Assert.Contains("Loss(MLP model, double[][] X, int[] y)", lecture[shared[2]], StringComparison.Ordinal);
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
