namespace Lectures.Runner.Tests;

[Collection(HostileRunCollection.Name)]
public class TimingNotebookTests(HostileRunFixture run)
{
    private string Executed(string name) => Path.Combine(run.TimingOutput, name);

    private string Isolated(string name) => Path.Combine(run.IsolationOutput, name);

    [Fact]
    public void A_cell_timeout_counts_from_the_cell_start_not_the_kernel_start()
    {
        Assert.DoesNotContain("a-timeout-from-cell-start.ipynb:", run.Timing.Stderr, StringComparison.Ordinal);
        Assert.Equal("slept 2 s\n", HostileRunFixture.Stream(Executed("a-timeout-from-cell-start.ipynb"), 1));

        // The notebook took longer than the timeout from its worker's start: a clock started then would have stopped the cell.
        System.Text.RegularExpressions.Match wrote = System.Text.RegularExpressions.Regex.Match(run.Timing.Stdout, @"wrote \S+a-timeout-from-cell-start\.ipynb and \S+ \((?<s>[0-9.]+) s\)");
        Assert.True(double.Parse(wrote.Groups["s"].Value, System.Globalization.CultureInfo.InvariantCulture) > HostileRunFixture.TimingTimeoutSeconds, run.Timing.Stdout);
    }

    [Fact]
    public void Output_printed_before_a_timeout_is_kept_and_the_timeout_named()
    {
        Assert.True(run.Timing.ExitCode == 1, run.Timing.ToString());
        Assert.Contains(
            "b-output-before-timeout.ipynb: cell 1 (Console.WriteLine(\"printed before the loop\");) failed: The cell did not finish within its timeout of 4 s and was stopped (raise it with --cell-timeout).",
            run.Timing.Stderr,
            StringComparison.Ordinal);
        Assert.Equal("printed before the loop\n", HostileRunFixture.Stream(Executed("b-output-before-timeout.ipynb"), 1));
        Assert.Equal("TimeoutError", HostileRunFixture.Outputs(Executed("b-output-before-timeout.ipynb"), 1).Last().GetProperty("ename").GetString());
        Assert.Empty(HostileRunFixture.Outputs(Executed("b-output-before-timeout.ipynb"), 2));
    }

    [Fact]
    public void The_timing_run_fails_only_the_notebook_that_timed_out()
    {
        Assert.True(run.Timing.ExitCode == 1, run.Timing.ToString());
        Assert.Contains("\n1 notebook(s) failed:", run.Timing.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void What_one_notebook_changes_in_its_process_is_not_seen_by_the_next()
    {
        // The notebook that changes things sees its own changes, so the check below could fail.
        Assert.True(run.Isolation.ExitCode == 0, run.Isolation.ToString());
        Assert.Equal("LEAKED", PlainText(Isolated("a-leaks.ipynb"), 2));

        Assert.Equal("env: unset\nappcontext: unset\ncwd: isolation\n", HostileRunFixture.Stream(Isolated("b-sees-no-leak.ipynb"), 1));
        Assert.Equal("1.5", PlainText(Isolated("b-sees-no-leak.ipynb"), 2));
    }

    [Fact]
    public void Notebooks_run_under_the_machine_culture_while_the_runner_speaks_invariantly()
    {
        Assert.Equal("-0,28\n", HostileRunFixture.Stream(Isolated("c-culture.ipynb"), 1));
        Assert.Matches(@"\] ok +\d+\.\d\d s ", run.Isolation.Stdout);
        Assert.DoesNotMatch(@"\d,\d\d s ", run.Isolation.Stdout);
    }

    /// <summary>The value a cell returned, as the kernel's HTML formatter shows it (<c>&lt;pre&gt;1,5&lt;/pre&gt;</c>).</summary>
    private static string PlainText(string executed, int codeCell) =>
        System.Text.RegularExpressions.Regex.Match(
            HostileRunFixture.Outputs(executed, codeCell).Single().GetProperty("data").GetProperty("text/html").GetString()!, "<pre>([^<]*)</pre>").Groups[1].Value;
}
