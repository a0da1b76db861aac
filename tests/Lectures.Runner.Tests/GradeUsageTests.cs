namespace Lectures.Runner.Tests;

/// <summary>What the grader refuses before it runs anything (in process: nothing here starts a worker).</summary>
public sealed class GradeUsageTests : IDisposable
{
    private const string Solution = "static int Answer()\n{\n    // BEGIN SOLUTION\n    return 42;\n    // END SOLUTION\n}";

    private readonly string _folder = Directory.CreateTempSubdirectory("grade-usage").FullName;

    public GradeUsageTests()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "submissions"));
        Runner.WriteNotebook(Path.Combine(_folder, "submissions"), "ann.ipynb", "int x = 1;");
        Runner.WriteNotebook(_folder, "assignment.ipynb", Solution, "Exercise.Check(\"answer\", () => { });");
        File.WriteAllText(Path.Combine(_folder, "a-file"), string.Empty);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("Name the folder of submissions")]
    [InlineData("nowhere: no such folder", "nowhere")]
    [InlineData("is a file", "a-file")]
    [InlineData("One submissions folder", "submissions", "submissions")]
    [InlineData("--jobs needs a whole number from 1 to 64, not '0'", "submissions", "--jobs", "0")]
    [InlineData("--cell-timeout needs a number of seconds above 0 and at most 86400, not '1e9'", "submissions", "--cell-timeout", "1e9")]
    [InlineData("--memory-limit needs a whole number of megabytes from 256 to 1048576, not '100'", "submissions", "--memory-limit", "100")]
    [InlineData("--out needs a folder", "submissions", "--out", "")]
    [InlineData("--assignment needs a notebook", "submissions", "--assignment")]
    [InlineData("Unknown option '--fast'", "submissions", "--fast")]
    [InlineData("cannot be created or written", "submissions", "--assignment", "assignment.ipynb", "--out", "a-file/below")]
    public void Bad_usage_exits_2_saying_what_is_wrong(string message, params string[] args)
    {
        string[] files = ["submissions", "nowhere", "a-file", "assignment.ipynb", "a-file/below"];
        RunResult result = Runner.InProcess(["grade", .. args.Select(a => files.Contains(a) ? Path.Combine(_folder, a) : a)]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("no cell calls Exercise.Check", "int x = 1;", Solution)]
    [InlineData("cell 1, line 3: // BEGIN SOLUTION is never closed", "void F()\n{\n    // BEGIN SOLUTION\n}", "Exercise.Check(\"f\", () => F());")]
    [InlineData("cell 1 calls Exercise.Check and holds a solution region", "Exercise.Check(\"f\", () => {\n    // BEGIN SOLUTION\n    // END SOLUTION\n});")]
    [InlineData("checks exercise 'f' a second time", "Exercise.Check(\"f\", () => { });", "Exercise.Check(\"f\", () => { });")]
    public void An_assignment_the_grader_cannot_use_exits_2_before_anything_runs(string message, params string[] cells)
    {
        string assignment = Runner.WriteNotebook(_folder, "bad-assignment.ipynb", cells);

        RunResult result = Runner.InProcess("grade", Path.Combine(_folder, "submissions"), "--assignment", assignment, "--out", Path.Combine(_folder, "out"));

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_folder, "out", "submissions")));
    }

    [Fact]
    public void A_folder_without_notebooks_exits_2()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "empty"));

        RunResult result = Runner.InProcess("grade", Path.Combine(_folder, "empty"), "--assignment", Path.Combine(_folder, "assignment.ipynb"), "--out", Path.Combine(_folder, "out"));

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("no .ipynb files in", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_names_every_option_and_exits_0()
    {
        RunResult result = Runner.InProcess("grade", "--help");

        Assert.True(result.ExitCode == 0, result.ToString());
        foreach (string option in (string[])["--assignment", "--out", "--cell-timeout", "--jobs", "--memory-limit"])
        {
            Assert.Contains(option, result.Stdout, StringComparison.Ordinal);
        }
    }
}
