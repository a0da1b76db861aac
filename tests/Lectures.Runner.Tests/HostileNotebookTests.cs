using System.Text.Json;

namespace Lectures.Runner.Tests;

[Collection(NotebookFolderRuns.Name)]
public class HostileNotebookTests(HostileRunFixture run) : IClassFixture<HostileRunFixture>
{
    private string Executed(string name) => run.Executed(name);

    [Fact]
    public void Notebooks_that_end_their_process_fail_alone_and_exit_1()
    {
        Assert.True(run.Result.ExitCode == 1, run.Result.ToString());
        Assert.Contains("\n5 notebook(s) failed:", run.Result.Stderr, StringComparison.Ordinal);
        foreach (string name in Directory.EnumerateFiles(run.Folder, "*.ipynb").Select(p => Path.GetFileName(p)))
        {
            Assert.True(File.Exists(Executed(name)), $"{name} was not written\n{run.Result}");
            Assert.True(File.Exists(Path.ChangeExtension(Executed(name), ".html")), $"the page of {name} was not written");
        }

        Assert.Equal("42\n", ExecutedNotebook.Stream(Executed("fine.ipynb"), 1));
        foreach (string executed in Directory.EnumerateFiles(run.Output, "*.ipynb"))
        {
            int codeCells = JsonDocument.Parse(File.ReadAllText(executed)).RootElement.GetProperty("cells").EnumerateArray().Count(c => c.GetProperty("cell_type").GetString() == "code");
            Assert.All(Enumerable.Range(1, codeCells), c => Assert.DoesNotContain("never printed", ExecutedNotebook.Stream(executed, c), StringComparison.Ordinal));
        }

        Assert.DoesNotContain("   at ", run.Result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("stack-overflow.ipynb", "stack-overflow.ipynb: the kernel process ended during cell 3 (Console.WriteLine(\"printed before the overflow\");): stack overflow")]
    [InlineData("exit-3.ipynb", "exit-3.ipynb: the kernel process ended during cell 1 (Console.WriteLine(\"printed before the exit\");): exited with code 3")]
    [InlineData("background-thread.ipynb", "background-thread.ipynb: the kernel process ended during cell 1 (new System.Threading.Thread(() => throw new InvalidOperationException(\"thrown on a background thread\")).Start();): an unhandled exception on another thread or in an async void method: InvalidOperationException: thrown on a background thread")]
    [InlineData("async-void.ipynb", "async-void.ipynb: the kernel process ended during cell 1 (async void Fire()): an unhandled exception on another thread or in an async void method: InvalidOperationException: thrown in an async void method")]
    public void A_cell_that_ends_its_process_is_named_with_the_cause_in_words(string notebook, string message)
    {
        Assert.Contains("  " + message + "\n", run.Result.Stderr, StringComparison.Ordinal);
        JsonElement error = ExecutedNotebook.Outputs(Executed(notebook), notebook == "stack-overflow.ipynb" ? 2 : 1).Last();
        Assert.Equal("KernelProcessEnded", error.GetProperty("ename").GetString());
    }

    [Theory]
    [InlineData("stack-overflow.ipynb", 2, "printed before the overflow\n")]
    [InlineData("exit-3.ipynb", 1, "printed before the exit\n")]
    public void Output_printed_before_a_crash_is_kept(string notebook, int codeCell, string printed)
    {
        Assert.Equal(printed, ExecutedNotebook.Stream(Executed(notebook), codeCell));
        Assert.Contains(printed.TrimEnd(), File.ReadAllText(Path.ChangeExtension(Executed(notebook), ".html")), StringComparison.Ordinal);
    }

    [Fact]
    public void Cells_before_a_crash_keep_their_outputs()
    {
        Assert.Equal("a cell before the crash\n", ExecutedNotebook.Stream(Executed("stack-overflow.ipynb"), 1));
        Assert.Contains("a cell before the crash", File.ReadAllText(Path.ChangeExtension(Executed("stack-overflow.ipynb"), ".html")), StringComparison.Ordinal);
        Assert.Empty(ExecutedNotebook.Outputs(Executed("stack-overflow.ipynb"), 3));
        Assert.Equal(
            "stack-overflow.ipynb: the kernel process ended during cell 3 (Console.WriteLine(\"printed before the overflow\");): stack overflow",
            run.Result.Stderr.Split('\n').Select(l => l.Trim()).First(l => l.StartsWith("stack-overflow.ipynb", StringComparison.Ordinal)));
    }

    [Fact]
    public void Protocol_messages_written_to_standard_output_are_ignored()
    {
        Assert.DoesNotContain("forge-stdout.ipynb:", run.Result.Stderr, StringComparison.Ordinal);
        Assert.Equal("real output\n", ExecutedNotebook.Stream(Executed("forge-stdout.ipynb"), 1));
        Assert.Equal("second cell\n", ExecutedNotebook.Stream(Executed("forge-stdout.ipynb"), 2));
    }

    [Fact]
    public void Exhausting_memory_fails_that_notebook_within_its_limit()
    {
        Assert.Contains("out-of-memory.ipynb: cell 1 (var hoard = new List<byte[]>();) failed: OutOfMemoryException", run.Result.Stderr, StringComparison.Ordinal);
        Assert.Empty(ExecutedNotebook.Outputs(Executed("out-of-memory.ipynb"), 2));
    }

    [Fact]
    public void Fifty_megabytes_printed_become_one_capped_output_with_a_note()
    {
        JsonElement[] outputs = ExecutedNotebook.Outputs(Executed("big-print.ipynb"), 1);

        Assert.Equal(2, outputs.Length);
        Assert.Equal("stdout", outputs[0].GetProperty("name").GetString());
        Assert.Equal(5_000_000, outputs[0].GetProperty("text").GetString()!.Length);
        Assert.Equal("[output truncated: 45,000,000 more characters were dropped; a cell keeps at most 5,000,000]\n", outputs[1].GetProperty("text").GetString());
        Assert.Equal("after the flood\n", ExecutedNotebook.Stream(Executed("big-print.ipynb"), 2));
        Assert.True(new FileInfo(Executed("big-print.ipynb")).Length < 6_000_000);
        Assert.Contains("output truncated: 45,000,000 more characters were dropped", File.ReadAllText(Path.ChangeExtension(Executed("big-print.ipynb"), ".html")), StringComparison.Ordinal);
    }

    [Fact]
    public void The_lecture_notebook_saved_outside_the_repository_loads_the_repository_build()
    {
        Assert.DoesNotContain(HostileRunFixture.Lecture + ":", run.Result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("has not been built", run.Result.Stderr, StringComparison.Ordinal);
        string executed = File.ReadAllText(Executed(HostileRunFixture.Lecture));
        Assert.Contains("-0.28245211967555384", executed, StringComparison.Ordinal);
    }

    [Fact]
    public void A_package_install_shows_its_final_state_and_charts_carry_the_plotly_mime_type()
    {
        JsonElement[] install = ExecutedNotebook.Outputs(Executed(HostileRunFixture.Lecture), 1);
        string html = string.Concat(install.Select(o => o.GetProperty("data").GetProperty("text/html").GetString()));

        Assert.Contains("Installed Packages", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Installing", html, StringComparison.Ordinal);
        JsonElement[] charts = [.. JsonDocument.Parse(File.ReadAllText(Executed(HostileRunFixture.Lecture))).RootElement.GetProperty("cells").EnumerateArray()
            .Where(c => c.TryGetProperty("outputs", out _))
            .SelectMany(c => c.GetProperty("outputs").EnumerateArray())
            .Where(o => o.TryGetProperty("data", out JsonElement d) && d.TryGetProperty("application/vnd.plotly.v1+json", out _))];
        Assert.NotEmpty(charts);
        Assert.All(charts, c => Assert.Equal(JsonValueKind.Array, c.GetProperty("data").GetProperty("application/vnd.plotly.v1+json").GetProperty("data").ValueKind));
    }

    [Fact]
    public void Progress_lines_name_their_notebook_when_several_run_at_once()
    {
        string[] progress = [.. run.Result.Stdout.Split('\n').Where(l => l.Contains("] ok ", StringComparison.Ordinal) || l.Contains("] FAILED ", StringComparison.Ordinal))];

        Assert.NotEmpty(progress);
        Assert.All(progress, l => Assert.Matches(@"^[\w.-]+\.ipynb \[", l));
    }
}
