using System.Text.Json;

namespace Lectures.Runner.Tests;

[Collection(GradingRunCollection.Name)]
public class GradingTests(GradingRunFixture run)
{
    [Fact]
    public void Grading_completes_with_exit_0_and_one_row_per_submission_in_name_order()
    {
        Assert.True(run.Result.ExitCode == 0, run.Result.ToString());
        Assert.Equal(["submission", .. run.Generator.Exercises, "passed", "run"], run.Rows[0]);
        Assert.Equal(
            ["'" + GradingRunFixture.FormulaName, "half-done.ipynb", "late/wrong.ipynb", "lecture-answers.ipynb", "malformed.ipynb", "never-finishes.ipynb", "right.ipynb", "stack-overflow.ipynb", "untouched.ipynb"],
            run.Rows.Skip(1).Select(r => r[0]));
    }

    [Fact]
    public void The_solutions_pass_every_check()
    {
        Dictionary<string, string> row = run.Row("right.ipynb");

        Assert.All(run.Generator.Exercises, e => Assert.Equal("passed", row[e]));
        Assert.Equal(run.Generator.Exercises.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), row["passed"]);
        Assert.Equal("completed", row["run"]);
    }

    [Fact]
    public void Answers_that_only_fit_the_lecture_s_numbers_fail_on_the_grader_s_inputs()
    {
        Dictionary<string, string> row = run.Row("lecture-answers.ipynb");

        Assert.Equal("failed", row["stream-offset"]);
        Assert.All(run.Generator.Exercises.Where(e => e != "stream-offset"), e => Assert.Equal("passed", row[e]));
        Assert.Equal("completed", row["run"]);
    }

    [Fact]
    public void The_student_version_runs_to_the_end_with_every_check_not_implemented_yet()
    {
        Dictionary<string, string> row = run.Row("untouched.ipynb");

        Assert.All(run.Generator.Exercises, e => Assert.Equal("not attempted", row[e]));
        Assert.Equal("completed", row["run"]);
        string[] printed = Printed("untouched.ipynb");
        Assert.Equal(run.Generator.Exercises.Select(e => $"Exercise {e}: answers sent to the grader"), printed.Where(l => l.StartsWith("Exercise ", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_half_done_submission_passes_what_it_solved_even_with_a_check_deleted_and_verdicts_forged()
    {
        Dictionary<string, string> row = run.Row("half-done.ipynb");

        Assert.All(run.Generator.Exercises, e => Assert.Equal(run.Generator.SolvedInHalfDone.Contains(e) ? "passed" : "not attempted", row[e]));
        Assert.Equal($"completed; check cell of {run.Generator.CheckedFirst[0]} changed by the student, restored", row["run"]);
    }

    [Fact]
    public void A_wrong_submission_fails_every_exercise_although_it_rewrote_the_checks_to_print_correct()
    {
        Dictionary<string, string> row = run.Row("late/wrong.ipynb");

        Assert.All(run.Generator.Exercises, e => Assert.Equal("failed", row[e]));
        Assert.Equal("0", row["passed"]);
        string executed = File.ReadAllText(Path.Combine(run.Output, "submissions", "late", "wrong.ipynb"));
        Assert.Contains("a wrong answer", executed, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stack_overflow_keeps_the_grades_before_it_and_marks_the_rest_crashed()
    {
        Dictionary<string, string> row = run.Row("stack-overflow.ipynb");

        Assert.All(run.Generator.Exercises, e => Assert.Equal(run.Generator.CheckedFirst.Contains(e) ? "passed" : "crashed", row[e]));
        Assert.StartsWith("crashed: ", row["run"], StringComparison.Ordinal);
        Assert.Contains("stack overflow", row["run"], StringComparison.Ordinal);
    }

    [Fact]
    public void A_submission_that_never_finishes_keeps_the_grades_before_it_and_marks_the_rest_timed_out()
    {
        Dictionary<string, string> row = run.Row("never-finishes.ipynb");

        Assert.All(run.Generator.Exercises, e => Assert.Equal(run.Generator.CheckedFirst.Contains(e) ? "passed" : "timed out", row[e]));
        Assert.StartsWith("timed out: ", row["run"], StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_submission_is_one_row_saying_why()
    {
        Dictionary<string, string> row = run.Row("malformed.ipynb");

        Assert.All(run.Generator.Exercises, e => Assert.Equal(string.Empty, row[e]));
        Assert.StartsWith("malformed: ", row["run"], StringComparison.Ordinal);
        Assert.Contains("JSON", row["run"], StringComparison.Ordinal);
    }

    [Fact]
    public void A_name_a_spreadsheet_would_run_as_a_formula_is_quoted_and_shown_as_text()
    {
        string field = "\"'" + GradingRunFixture.FormulaName.Replace("\"", "\"\"", StringComparison.Ordinal) + "\",";
        Assert.Contains("\r\n" + field, run.CsvText, StringComparison.Ordinal);
        Dictionary<string, string> row = run.Row("'" + GradingRunFixture.FormulaName);
        Assert.StartsWith("malformed: ", row["run"], StringComparison.Ordinal);
    }

    [Fact]
    public void The_totals_count_each_status_per_exercise()
    {
        List<string[]> totals = Csv.Parse(File.ReadAllText(Path.Combine(run.Output, "totals.csv")));
        string[] statuses = ["passed", "failed", "not attempted", "crashed", "timed out"];

        Assert.Equal(["exercise", .. statuses], totals[0]);
        Assert.Equal(run.Generator.Exercises, totals.Skip(1).Select(t => t[0]));
        foreach (string[] total in totals.Skip(1))
        {
            int column = Array.IndexOf(run.Rows[0], total[0]);
            for (int s = 0; s < statuses.Length; s++)
            {
                Assert.Equal(run.Rows.Skip(1).Count(r => r[column] == statuses[s]).ToString(System.Globalization.CultureInfo.InvariantCulture), total[s + 1]);
            }
        }

        // right, half done, lecture answers, stack overflow and never finishes pass the first exercise; the wrong one fails it.
        string first = run.Generator.Exercises[0];
        Assert.Equal(["5", "1", "1", "0", "0"], totals.Single(t => t[0] == first)[1..]);
    }

    [Fact]
    public void The_page_shows_every_status_as_a_word_runs_no_script_and_escapes_student_names()
    {
        string page = File.ReadAllText(Path.Combine(run.Output, "grades.html"));

        Assert.Contains("default-src 'none'; script-src 'none';", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", page, StringComparison.OrdinalIgnoreCase);
        foreach (string status in new[] { "passed", "failed", "not attempted", "crashed", "timed out" })
        {
            Assert.Contains($"<span class=\"status\">{status}</span>", page, StringComparison.Ordinal);
        }

        Assert.Contains("=HYPERLINK(&quot;evil.example&quot;,&quot;click&quot;),@x.ipynb", page, StringComparison.Ordinal);
        Assert.Contains("href=\"submissions/late/wrong.html\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_run_submission_is_kept_executed_with_the_instructors_checks_for_the_teacher()
    {
        foreach (string name in new[] { "right", "untouched", "half-done", "late/wrong", "stack-overflow", "never-finishes" })
        {
            Assert.True(File.Exists(Path.Combine(run.Output, "submissions", name + ".ipynb")), name);
            Assert.True(File.Exists(Path.Combine(run.Output, "submissions", name + ".html")), name);
        }

        Assert.False(File.Exists(Path.Combine(run.Output, "submissions", "malformed.ipynb")));
    }

    [Fact]
    public void A_deleted_check_cell_goes_back_after_the_cell_that_preceded_it_and_runs()
    {
        using JsonDocument executed = JsonDocument.Parse(File.ReadAllText(Path.Combine(run.Output, "submissions", "half-done.ipynb")));
        JsonElement[] cells = [.. executed.RootElement.GetProperty("cells").EnumerateArray()];
        int index = Array.FindIndex(cells, c => c.GetProperty("id").GetString() == run.Generator.FirstCheckId);

        Assert.True(index > 0, "the deleted check cell was not put back");
        Assert.Equal(run.Generator.IdBeforeFirstCheck, cells[index - 1].GetProperty("id").GetString());
        string printed = string.Concat(cells[index].GetProperty("outputs").EnumerateArray().Select(o => o.GetProperty("text").GetString()));
        Assert.Contains($"Exercise {run.Generator.CheckedFirst[0]}: answers sent to the grader", printed, StringComparison.Ordinal);
    }

    [Fact]
    public void The_handout_has_no_solution_left_and_keeps_every_cell_id_and_metadata()
    {
        Assert.True(run.StudentRun.ExitCode == 0, run.StudentRun.ToString());
        using JsonDocument instructor = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repository.Root, GradingRunFixture.Assignment)));
        using JsonDocument student = JsonDocument.Parse(run.StudentVersion);
        JsonElement[] before = [.. instructor.RootElement.GetProperty("cells").EnumerateArray()];
        JsonElement[] after = [.. student.RootElement.GetProperty("cells").EnumerateArray()];

        Assert.Equal(before.Select(c => c.GetProperty("id").GetString()), after.Select(c => c.GetProperty("id").GetString()));
        Assert.Equal(before.Select(c => c.GetProperty("metadata").GetRawText()), after.Select(c => c.GetProperty("metadata").GetRawText()));
        Assert.Equal(instructor.RootElement.GetProperty("metadata").GetRawText(), student.RootElement.GetProperty("metadata").GetRawText());
        Assert.DoesNotContain("// BEGIN SOLUTION", run.StudentVersion, StringComparison.Ordinal);
        Assert.DoesNotContain("// END SOLUTION", run.StudentVersion, StringComparison.Ordinal);
        int regions = before.Sum(c => Count(ExecutedNotebook.Source(c), "// BEGIN SOLUTION"));
        Assert.True(regions >= run.Generator.Exercises.Count / 2, $"{regions} solution regions");
        Assert.Equal(regions, after.Sum(c => Count(ExecutedNotebook.Source(c), "throw new NotImplementedException();")) - before.Sum(c => Count(ExecutedNotebook.Source(c), "throw new NotImplementedException();")));
        Assert.All(after.Where(c => c.GetProperty("cell_type").GetString() == "code"), c => Assert.Equal(0, c.GetProperty("outputs").GetArrayLength()));
    }

    private static int Count(string text, string part) => (text.Length - text.Replace(part, string.Empty, StringComparison.Ordinal).Length) / part.Length;

    /// <summary>Every stdout line of an executed submission.</summary>
    private string[] Printed(string name) => ExecutedNotebook.StdoutLines(Path.Combine(run.Output, "submissions", name));
}
