using System.Security.Cryptography;
using System.Text.Json;

namespace Lectures.Runner.Tests;

public sealed class RunnerBehaviourTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("runner").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_failing_cell_exits_1_naming_notebook_cell_first_line_and_error_and_the_others_still_run()
    {
        Runner.WriteNotebook(_folder, "a-bad.ipynb", "int x = 1;", "// divide\nConsole.WriteLine(1 / (x - 1));", "Console.WriteLine(\"never\");");
        Runner.WriteNotebook(_folder, "b-good.ipynb", "Console.WriteLine(6 * 7);");

        RunResult result = Runner.Run(_folder, _folder, "--out", Path.Combine(_folder, "out"));

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("a-bad.ipynb: cell 2 (// divide) failed: DivideByZeroException", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("42", File.ReadAllText(Path.Combine(_folder, "out", "b-good.ipynb")), StringComparison.Ordinal);
        string page = File.ReadAllText(Path.Combine(_folder, "out", "a-bad.html"));
        Assert.Contains("<div class=\"error\">", page, StringComparison.Ordinal);
        Assert.Contains("Not run: an earlier cell failed.", page, StringComparison.Ordinal);
        using JsonDocument executed = JsonDocument.Parse(File.ReadAllText(Path.Combine(_folder, "out", "a-bad.ipynb")));
        JsonElement failed = executed.RootElement.GetProperty("cells")[1].GetProperty("outputs")[0];
        Assert.Equal("error", failed.GetProperty("output_type").GetString());
    }

    [Fact]
    public void Unreadable_notebooks_exit_2_and_the_others_still_run()
    {
        File.WriteAllText(Path.Combine(_folder, "broken.ipynb"), "{ \"cells\": [ ");
        File.WriteAllText(Path.Combine(_folder, "plain.ipynb"), "{ \"hello\": 1 }");
        Runner.WriteNotebook(_folder, "fine.ipynb", "Console.WriteLine(\"fine\");");

        RunResult result = Runner.Run(_folder, _folder, Path.Combine(_folder, "missing.ipynb"), "--out", Path.Combine(_folder, "out"));

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("broken.ipynb: malformed JSON", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("plain.ipynb: not a Jupyter notebook", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("missing.ipynb: no such notebook or folder", result.Stderr, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_folder, "out", "fine.html")));
    }

    [Theory]
    [InlineData("--frobnicate")]
    [InlineData("--cell-timeout", "soon")]
    [InlineData("--cell-timeout", "-3")]
    [InlineData("--out")]
    [InlineData("student", "--jobs", "2")]
    [InlineData("grade")]
    public void Bad_usage_exits_2_with_the_usage(params string[] args)
    {
        RunResult result = Runner.InProcess(args);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("Usage:", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("run", "-h")]
    [InlineData("student", "--help")]
    [InlineData("grade", "-?")]
    public void Every_verb_has_help_that_exits_0(params string[] args)
    {
        RunResult result = Runner.InProcess(args);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Usage:", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("--out <DIR>", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_that_verbs_share_parse_alike()
    {
        var commandLine = new RunnerCommandLine(Repository.Root);
        foreach (string verb in (string[])["run", "grade"])
        {
            System.CommandLine.ParseResult parsed = commandLine.Parse([verb, "--jobs", "3", "--memory-limit", "512", "--cell-timeout", "2.5"]);

            Assert.Empty(parsed.Errors);
            Assert.Equal(3, parsed.GetValue<int>("--jobs"));
            Assert.Equal(512L, parsed.GetValue<long>("--memory-limit"));
            Assert.Equal(2.5, parsed.GetValue<double>("--cell-timeout"));
        }
    }

    [Fact]
    public void The_worker_verb_without_a_socket_is_bad_usage()
    {
        RunResult result = Runner.InProcess("worker");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.StartsWith("error: the worker verb needs the socket of the runner that started it.", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void The_worker_verb_without_a_runner_exits_2_saying_so()
    {
        RunResult result = Runner.Run(_folder, "worker", Path.Combine(_folder, "nobody.sock"));

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("no runner listens at", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cell_that_never_finishes_is_stopped_by_the_timeout()
    {
        Runner.WriteNotebook(_folder, "spin.ipynb", "while (true) { }", "Console.WriteLine(\"after\");");

        RunResult result = Runner.Run(_folder, "spin.ipynb", "--cell-timeout", "2", "--out", "out");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("did not finish within its timeout of 2 s", result.Stderr, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_folder, "out", "spin.ipynb")));
    }

    [Fact]
    public void The_source_is_never_modified_and_an_output_folder_on_it_is_refused()
    {
        string source = Runner.WriteNotebook(_folder, "same.ipynb", "Console.WriteLine(1);");
        byte[] before = SHA256.HashData(File.ReadAllBytes(source));

        RunResult onSource = Runner.Run(_folder, "same.ipynb", "--out", _folder);
        RunResult elsewhere = Runner.Run(_folder, "same.ipynb", "--out", "out");

        Assert.True(onSource.ExitCode == 2, onSource.ToString());
        Assert.Contains("never overwritten", onSource.Stderr, StringComparison.Ordinal);
        Assert.True(elsewhere.ExitCode == 0, elsewhere.ToString());
        Assert.Equal(before, SHA256.HashData(File.ReadAllBytes(source)));
        Assert.Equal(["same.html", "same.ipynb", "same.slides.html"], Directory.GetFiles(Path.Combine(_folder, "out")).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void A_notebook_whose_library_is_not_built_says_which_command_builds_it()
    {
        Runner.WriteNotebook(_folder, "lib.ipynb", "#r \"../nowhere/bin/Debug/net10.0/Autograd.Charts.dll\"");

        RunResult result = Runner.Run(_folder, "lib.ipynb", "--out", "out");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("has not been built", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("dotnet build src/Autograd.Charts", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Outputs_and_summary_are_the_same_whatever_the_number_of_jobs()
    {
        string notebooks = Directory.CreateDirectory(Path.Combine(_folder, "notebooks")).FullName;
        Runner.WriteNotebook(notebooks, "a.ipynb", "Console.WriteLine(\"a\");");
        Runner.WriteNotebook(notebooks, "b-fails.ipynb", "throw new InvalidOperationException(\"b fails\");");
        Runner.WriteNotebook(notebooks, "c.ipynb", "Console.WriteLine(\"c\");", "1 + 1");

        RunResult one = Runner.Run(_folder, "notebooks", "--out", "one", "--jobs", "1");
        RunResult three = Runner.Run(_folder, "notebooks", "--out", "three", "--jobs", "3");

        Assert.True(one.ExitCode == 1, one.ToString());
        Assert.True(three.ExitCode == 1, three.ToString());
        static string Summary(RunResult r) => r.Stderr[r.Stderr.IndexOf("\n1 notebook(s) failed:", StringComparison.Ordinal)..];
        Assert.Equal(Summary(one), Summary(three));
        Assert.Contains("b-fails.ipynb: cell 1 (throw new InvalidOperationException(\"b fails\");) failed: InvalidOperationException: b fails", Summary(one), StringComparison.Ordinal);
        foreach (string name in (string[])["a.ipynb", "b-fails.ipynb", "c.ipynb", "a.html", "b-fails.html", "c.html"])
        {
            Assert.Equal(File.ReadAllText(Path.Combine(_folder, "one", name)), File.ReadAllText(Path.Combine(_folder, "three", name)));
        }

        Assert.Contains("  [ 1/1] ok ", one.Stdout, StringComparison.Ordinal);
        Assert.Contains("c.ipynb [ 2/2] ok ", three.Stdout, StringComparison.Ordinal);
    }
}
