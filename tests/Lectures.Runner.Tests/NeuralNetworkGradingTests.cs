using System.Text.Json;

namespace Lectures.Runner.Tests;

/// <summary>
/// The neural-network exercises graded: the solutions pass, the handout is not attempted, and the
/// answers the checks get in the editor, which pass there, fail on the grader's hidden inputs.
/// </summary>
[Collection(NeuralNetworkGradingCollection.Name)]
public class NeuralNetworkGradingTests(NeuralNetworkGradingFixture run)
{
    private static readonly string[] Exercises = ["parameter-count", "neuron-by-hand", "sgd-step", "accuracy"];

    [Fact]
    public void Grading_runs_sandboxed_and_completes_with_one_column_per_exercise()
    {
        Assert.True(run.Result.ExitCode == 0, run.Result.ToString());
        Assert.Contains("each submission in a sandbox of its own", run.Result.Stdout, StringComparison.Ordinal);
        Assert.Equal(Exercises, run.Generator.Exercises);
        Assert.Equal(["submission", .. Exercises, "passed", "run"], run.Rows[0]);
        Assert.Equal([NeuralNetworkGradingFixture.EditorAnswers, "right.ipynb", "untouched.ipynb"], run.Rows.Skip(1).Select(r => r[0]));
    }

    [Fact]
    public void The_solutions_pass_every_check()
    {
        Dictionary<string, string> row = run.Row("right.ipynb");

        Assert.All(Exercises, e => Assert.Equal("passed", row[e]));
        Assert.Equal("4", row["passed"]);
        Assert.Equal("completed", row["run"]);
    }

    [Fact]
    public void The_handout_runs_to_the_end_with_every_exercise_not_attempted()
    {
        Dictionary<string, string> row = run.Row("untouched.ipynb");

        Assert.All(Exercises, e => Assert.Equal("not attempted", row[e]));
        Assert.Equal("0", row["passed"]);
        Assert.Equal("completed", row["run"]);
        string[] printed = ExecutedNotebook.StdoutLines(run.Executed("untouched.ipynb"));
        Assert.Equal(Exercises.Select(e => $"Exercise {e}: answers sent to the grader"), printed.Where(l => l.StartsWith("Exercise ", StringComparison.Ordinal)));
    }

    [Fact]
    public void The_answers_the_checks_get_in_the_editor_pass_there_and_fail_every_exercise_on_the_hidden_inputs()
    {
        JsonElement[] cells = ExecutedNotebook.CodeCells(run.Executed(NeuralNetworkGradingFixture.EditorAnswers));
        foreach (string exercise in Exercises)
        {
            JsonElement learning = cells.Single(c => c.GetProperty("id").GetString() == EditorAnswersSubmission.LearningCellId(exercise));
            // Once with the solution writing its answers down, once giving them back: both in the editor's mode.
            Assert.Equal([$"Exercise {exercise}: correct", $"Exercise {exercise}: correct"], ExecutedNotebook.StdoutLines(learning));
        }

        Dictionary<string, string> row = run.Row(NeuralNetworkGradingFixture.EditorAnswers);
        Assert.All(Exercises, e => Assert.Equal("failed", row[e]));
        Assert.Equal("0", row["passed"]);
        Assert.Equal("completed", row["run"]);
        string feedback = File.ReadAllText(Path.ChangeExtension(run.Executed(NeuralNetworkGradingFixture.EditorAnswers), ".feedback.html"));
        Assert.All(Exercises, e => Assert.Contains($"Exercise {e}: failed: wrong value ", feedback, StringComparison.Ordinal));
    }
}
