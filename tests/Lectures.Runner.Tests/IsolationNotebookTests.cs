namespace Lectures.Runner.Tests;

[Collection(NotebookFolderRuns.Name)]
public class IsolationNotebookTests(IsolationRunFixture run) : IClassFixture<IsolationRunFixture>
{
    [Fact]
    public void What_one_notebook_changes_in_its_process_is_not_seen_by_the_next()
    {
        // The notebook that changes things sees its own changes, so the check below could fail.
        Assert.True(run.Result.ExitCode == 0, run.Result.ToString());
        Assert.Equal("LEAKED", PlainText(run.Executed("a-leaks.ipynb"), 2));

        Assert.Equal("env: unset\nappcontext: unset\ncwd: isolation\n", ExecutedNotebook.Stream(run.Executed("b-sees-no-leak.ipynb"), 1));
        Assert.Equal("1.5", PlainText(run.Executed("b-sees-no-leak.ipynb"), 2));
    }

    [Fact]
    public void Notebooks_run_under_the_machine_culture_while_the_runner_speaks_invariantly()
    {
        Assert.Equal("-0,28\n", ExecutedNotebook.Stream(run.Executed("c-culture.ipynb"), 1));
        Assert.Matches(@"\] ok +\d+\.\d\d s ", run.Result.Stdout);
        Assert.DoesNotMatch(@"\d,\d\d s ", run.Result.Stdout);
    }

    /// <summary>The value a cell returned, as the kernel's HTML formatter shows it (<c>&lt;pre&gt;1,5&lt;/pre&gt;</c>).</summary>
    private static string PlainText(string executed, int codeCell) =>
        System.Text.RegularExpressions.Regex.Match(
            ExecutedNotebook.Outputs(executed, codeCell).Single().GetProperty("data").GetProperty("text/html").GetString()!, "<pre>([^<]*)</pre>").Groups[1].Value;
}
