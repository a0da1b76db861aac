using System.Text.RegularExpressions;

namespace Lectures.Runner.Tests;

/// <summary>
/// Every forgery and escape a student who knows C# would try, graded with the sandbox on in one
/// run with a right and an untouched submission: none passes what it did not solve, none sees what
/// it should not, none leaves anything behind, and the others are graded as ever.
/// </summary>
[Collection(SandboxedGradingCollection.Name)]
public partial class SandboxedGradingTests(SandboxedGradingFixture run)
{
    [Fact]
    public void Grading_runs_sandboxed_and_completes()
    {
        Assert.True(run.Result.ExitCode == 0, run.Result.ToString());
        Assert.Contains("each submission in a sandbox of its own", run.Result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("[no sandbox]", run.Result.Stdout, StringComparison.Ordinal);
        Assert.Equal(run.Attacks.Count + 2, run.Rows.Count - 1);
    }

    [Fact]
    public void The_other_submissions_are_graded_as_ever()
    {
        Dictionary<string, string> right = run.Row("right.ipynb");
        Assert.All(run.Exercises, e => Assert.Equal("passed", right[e]));
        Assert.Equal("completed", right["run"]);
        Dictionary<string, string> untouched = run.Row("untouched.ipynb");
        Assert.All(run.Exercises, e => Assert.Equal("not attempted", untouched[e]));
    }

    [Fact]
    public void No_forgery_passes_an_exercise_it_did_not_solve()
    {
        Assert.All(run.Attacks, attack =>
        {
            Dictionary<string, string> row = run.Row(attack + ".ipynb");
            Assert.True(row["passed"] == "0", $"{attack}: {string.Join(", ", row.Select(p => $"{p.Key}={p.Value}"))}");
        });
    }

    [Fact]
    public void A_changed_moved_deleted_or_converted_check_cell_is_restored_and_named()
    {
        Dictionary<string, string> row = run.Row("check-cells-tampered.ipynb");
        string[] changed = run.Exercises[..4];
        Assert.Contains($"check cells of {string.Join(", ", changed)} changed by the student, restored", row["run"], StringComparison.Ordinal);
        Assert.All(run.Exercises, e => Assert.Equal("not attempted", row[e]));
        string page = File.ReadAllText(Path.Combine(run.Output, "grades.html"));
        Assert.Contains("changed by the student, restored", page, StringComparison.Ordinal);
    }

    [Fact]
    public void A_submission_sees_no_solution_no_other_submission_no_output_folder_and_no_network()
    {
        string outputs = run.Outputs("snoop.ipynb");
        Assert.Contains("searched ", outputs, StringComparison.Ordinal);
        Assert.DoesNotContain("LEAK", outputs, StringComparison.Ordinal);
        Assert.False(run.ConnectionsAccepted, "a submission connected to the host's loopback");
    }

    [Fact]
    public void Nothing_a_submission_starts_or_writes_outlives_it()
    {
        Assert.Contains("started a detached process: True", run.Outputs("snoop.ipynb"), StringComparison.Ordinal);
        string[] leftovers = [.. Directory.EnumerateDirectories("/proc")
            .Where(d => Path.GetFileName(d).All(char.IsDigit))
            .Where(d => { try { return File.ReadAllText(Path.Combine(d, "comm")).Trim() == SandboxedGradingFixture.Marker; } catch (IOException) { return false; } })];
        Assert.Empty(leftovers);
        string[] files = [.. new[] { run.Output, run.Submissions, Repository.Root, Path.GetTempPath() }
            .Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFiles(d, SandboxedGradingFixture.Marker + ".txt", SearchOption.TopDirectoryOnly))];
        Assert.Empty(files);
    }

    [Fact]
    public void Each_limit_hit_is_named_in_words()
    {
        string outputs = run.Outputs("limits.ipynb");
        Assert.Matches(ProcessLimit(), outputs);
        Assert.Contains("the submission opened more than 1024 files at once", outputs, StringComparison.Ordinal);
        Assert.Contains("the submission wrote more than 256 MB to its scratch folder", outputs, StringComparison.Ordinal);
    }

    [Fact]
    public void A_page_or_table_shows_no_hidden_input_and_no_verdict_line_from_the_student()
    {
        string table = File.ReadAllText(Path.Combine(run.Output, "grades.csv"));
        Assert.DoesNotContain("expected ", table, StringComparison.Ordinal);
        Assert.Contains("answers sent to the grader", run.Outputs("right.ipynb"), StringComparison.Ordinal);
    }

    [Fact]
    public void Each_student_gets_a_feedback_page_beside_the_graded_notebook_with_each_exercise_s_grade()
    {
        string right = File.ReadAllText(Path.Combine(run.Output, "submissions", "right.feedback.html"));
        Assert.All(run.Exercises, e => Assert.Contains($"Exercise {e}: passed", right, StringComparison.Ordinal));
        string untouched = File.ReadAllText(Path.Combine(run.Output, "submissions", "untouched.feedback.html"));
        Assert.All(run.Exercises, e => Assert.Contains($"Exercise {e}: not attempted", untouched, StringComparison.Ordinal));
        Assert.DoesNotContain("answers sent to the grader", untouched, StringComparison.Ordinal);
        Assert.DoesNotContain("BEGIN SOLUTION", untouched, StringComparison.Ordinal);
    }

    [GeneratedRegex("the submission tried to run more than 256 processes and threads at once")]
    private static partial Regex ProcessLimit();
}
