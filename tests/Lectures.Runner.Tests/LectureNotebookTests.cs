using System.Text.Json;

namespace Lectures.Runner.Tests;

/// <summary>Runs every notebook of the repository once through the runner, for all the tests of this class.</summary>
public sealed class LectureRunFixture : IDisposable
{
    public LectureRunFixture()
    {
        Output = Directory.CreateTempSubdirectory("lectures").FullName;
        Result = Runner.Run(Runner.RepositoryRoot, "--out", Output);
    }

    public string Output { get; }

    public RunResult Result { get; }

    public JsonElement Executed(string name) => JsonDocument.Parse(File.ReadAllText(Path.Combine(Output, name))).RootElement;

    /// <summary>Every stdout line of the executed notebook, in order.</summary>
    public string[] Printed(string name) =>
        [.. Executed(name).GetProperty("cells").EnumerateArray()
            .Where(c => c.GetProperty("cell_type").GetString() == "code")
            .SelectMany(c => c.GetProperty("outputs").EnumerateArray())
            .Where(o => o.GetProperty("output_type").GetString() == "stream" && o.GetProperty("name").GetString() == "stdout")
            .SelectMany(o => o.GetProperty("text").GetString()!.Split('\n', StringSplitOptions.RemoveEmptyEntries))];

    public void Dispose() => Directory.Delete(Output, recursive: true);
}

/// <summary>The test classes that read the one run of every notebook.</summary>
[CollectionDefinition(Name)]
public sealed class LectureRunCollection : ICollectionFixture<LectureRunFixture>
{
    public const string Name = "One run of every notebook";
}

[Collection(LectureRunCollection.Name)]
public class LectureNotebookTests(LectureRunFixture run)
{
    private const string Lecture = "01-lectures-07-08-autograd.ipynb";

    [Fact]
    public void Every_notebook_runs_without_a_failed_cell()
    {
        Assert.True(run.Result.ExitCode == 0, run.Result.ToString());
        foreach (string notebook in Directory.EnumerateFiles(Path.Combine(Runner.RepositoryRoot, "notebooks"), "*.ipynb"))
        {
            string name = Path.GetFileName(notebook);
            Assert.True(File.Exists(Path.Combine(run.Output, name)), $"{name} was not written");
            Assert.True(File.Exists(Path.Combine(run.Output, Path.ChangeExtension(name, ".html"))), $"the page of {name} was not written");
        }
    }

    [Fact]
    public void The_lecture_notebook_prints_the_lecture_numbers()
    {
        string[] printed = run.Printed(Lecture);

        string[] expected =
        [
            .. LectureLines.ClosedForm,
            .. LectureLines.TorchCell,
            "All 9 asserts hold.",
            .. LectureLines.ManualTraversal,
            "-0.2992132831336336 -0.3191601315679838",
            "-0.2992132831336336 -0.3191601315679838",
            "-0.4495361695632005 -0.30993795041828925",
            "closed form at the same points: -0.44953616956320025 -0.3099379504182892",
        ];
        Assert.Equal(expected, printed);
    }

    [Fact]
    public void Executed_notebooks_are_valid_with_outputs_and_execution_counts()
    {
        JsonElement nb = run.Executed(Lecture);

        Assert.Equal(4, nb.GetProperty("nbformat").GetInt32());
        Assert.True(nb.GetProperty("nbformat_minor").GetInt32() >= 5);
        JsonElement[] code = [.. nb.GetProperty("cells").EnumerateArray().Where(c => c.GetProperty("cell_type").GetString() == "code")];
        Assert.Equal(Enumerable.Range(1, code.Length), code.Select(c => c.GetProperty("execution_count").GetInt32()));
        Assert.All(nb.GetProperty("cells").EnumerateArray(), c => Assert.False(string.IsNullOrEmpty(c.GetProperty("id").GetString())));
        Assert.Contains(code, c => c.GetProperty("outputs").EnumerateArray().Any(o => o.GetProperty("output_type").GetString() == "execute_result"));
        Assert.Equal("polyglot-notebook", nb.GetProperty("metadata").GetProperty("language_info").GetProperty("name").GetString());
    }

    [Fact]
    public void The_source_notebooks_stay_clean()
    {
        foreach (string notebook in Directory.EnumerateFiles(Path.Combine(Runner.RepositoryRoot, "notebooks"), "*.ipynb"))
        {
            using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(notebook));
            Assert.All(
                doc.RootElement.GetProperty("cells").EnumerateArray().Where(c => c.GetProperty("cell_type").GetString() == "code"),
                c => Assert.Equal(0, c.GetProperty("outputs").GetArrayLength()));
        }
    }

    [Fact]
    public void Pages_are_offline_with_charts_a_table_of_contents_and_one_copy_of_plotly()
    {
        string page = File.ReadAllText(Path.Combine(run.Output, Path.ChangeExtension(Lecture, ".html")));

        Assert.DoesNotMatch("<script[^>]+src=", page);
        Assert.DoesNotMatch("<link[^>]+href=", page);
        Assert.DoesNotMatch("<img[^>]+src=\"http", page);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(page, "plotly.js v2.28.0"));
        Assert.Equal(4, System.Text.RegularExpressions.Regex.Matches(page, "<figure class=\"chart\">").Count);
        Assert.Contains("<nav class=\"toc\"", page, StringComparison.Ordinal);
        Assert.Contains("href=\"#building-autograd-from-scratch\"", page, StringComparison.Ordinal);
        Assert.Contains("-0.4495361695632005 -0.30993795041828925", page, StringComparison.Ordinal);
        Assert.Contains("&lt;", page, StringComparison.Ordinal);
    }

    [Fact]
    public void The_training_notebook_reaches_the_median_and_handles_a_million_nodes()
    {
        string[] printed = run.Printed("03-training-loop.ipynb");

        Assert.Contains(printed, l => l.StartsWith("step 200: loss 0.3929952374", StringComparison.Ordinal));
        Assert.Contains("1,000,000 nodes, output 0.5, d(output)/dx = 1", printed);
        Assert.Equal(6, printed.Count(l => l.EndsWith(" ok", StringComparison.Ordinal)));
        Assert.DoesNotContain(printed, l => l.Contains("MISMATCH", StringComparison.Ordinal));
    }

    [Fact]
    public void The_training_notebook_shows_both_engines_equal_and_the_tape_allocation_free()
    {
        string[] printed = run.Printed("03-training-loop.ipynb");

        Assert.Contains("equal bit for bit: True", printed);
        Assert.Contains(printed, l => l.StartsWith("reused GradientTape", StringComparison.Ordinal) && l.Contains(" 0.0 MB allocated", StringComparison.Ordinal));
        Assert.Contains(printed, l => l.StartsWith("the tape is ", StringComparison.Ordinal));
    }

    [Fact]
    public void Progress_names_every_cell()
    {
        Assert.Contains("[ 1/12] ok", run.Result.Stdout, StringComparison.Ordinal);
        Assert.Contains("[12/12] ok", run.Result.Stdout, StringComparison.Ordinal);
    }
}
