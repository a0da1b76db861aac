namespace Lectures.Runner.Tests;

[Collection(NotebookFolderRuns.Name)]
public class TimingNotebookTests(TimingRunFixture run) : IClassFixture<TimingRunFixture>
{
    private string Executed(string name) => run.Executed(name);

    [Fact]
    public void A_cell_timeout_counts_from_the_cell_start_not_the_kernel_start()
    {
        Assert.DoesNotContain("a-timeout-from-cell-start.ipynb:", run.Result.Stderr, StringComparison.Ordinal);
        Assert.Equal("slept 2 s\n", ExecutedNotebook.Stream(Executed("a-timeout-from-cell-start.ipynb"), 1));

        // The notebook took longer than the timeout from its worker's start: a clock started then would have stopped the cell.
        System.Text.RegularExpressions.Match wrote = System.Text.RegularExpressions.Regex.Match(run.Result.Stdout, @"wrote \S+a-timeout-from-cell-start\.ipynb and \S+ \((?<s>[0-9.]+) s\)");
        Assert.True(double.Parse(wrote.Groups["s"].Value, System.Globalization.CultureInfo.InvariantCulture) > double.Parse(TimingRunFixture.TimeoutSeconds, System.Globalization.CultureInfo.InvariantCulture), run.Result.Stdout);
    }

    [Fact]
    public void Output_printed_before_a_timeout_is_kept_and_the_timeout_named()
    {
        Assert.True(run.Result.ExitCode == 1, run.Result.ToString());
        Assert.Contains(
            "b-output-before-timeout.ipynb: cell 1 (Console.WriteLine(\"printed before the loop\");) failed: The cell did not finish within its timeout of 4 s and was stopped (raise it with --cell-timeout).",
            run.Result.Stderr,
            StringComparison.Ordinal);
        Assert.Equal("printed before the loop\n", ExecutedNotebook.Stream(Executed("b-output-before-timeout.ipynb"), 1));
        Assert.Equal("TimeoutError", ExecutedNotebook.Outputs(Executed("b-output-before-timeout.ipynb"), 1).Last().GetProperty("ename").GetString());
        Assert.Empty(ExecutedNotebook.Outputs(Executed("b-output-before-timeout.ipynb"), 2));
    }

    [Fact]
    public void The_timing_run_fails_only_the_notebook_that_timed_out()
    {
        Assert.True(run.Result.ExitCode == 1, run.Result.ToString());
        Assert.Contains("\n1 notebook(s) failed:", run.Result.Stderr, StringComparison.Ordinal);
    }
}
