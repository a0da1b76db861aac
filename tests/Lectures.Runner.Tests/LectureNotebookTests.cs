using System.Text.Json;

namespace Lectures.Runner.Tests;

/// <summary>Runs every notebook of the repository once through the runner, for all the tests of this class.</summary>
public sealed class LectureRunFixture : IDisposable
{
    public LectureRunFixture()
    {
        Output = Directory.CreateTempSubdirectory("lectures").FullName;
        Result = Runner.Run(Repository.Root, "--out", Output);
    }

    public string Output { get; }

    public RunResult Result { get; }

    public JsonElement Executed(string name) => JsonDocument.Parse(File.ReadAllText(Path.Combine(Output, name))).RootElement;

    /// <summary>Every stdout line of the executed notebook, in order.</summary>
    public string[] Printed(string name) => ExecutedNotebook.StdoutLines(Path.Combine(Output, name));

    /// <summary>The stdout lines of one code cell of the executed notebook, found by its cell id.</summary>
    public string[] PrintedByCell(string name, string cellId)
    {
        JsonElement cell = Executed(name).GetProperty("cells").EnumerateArray()
            .SingleOrDefault(c => c.GetProperty("id").GetString() == cellId);
        Assert.True(cell.ValueKind == JsonValueKind.Object, $"{name} has no cell with id {cellId}");
        return ExecutedNotebook.StdoutLines(cell);
    }

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
        foreach (string notebook in Directory.EnumerateFiles(Path.Combine(Repository.Root, "notebooks"), "*.ipynb"))
        {
            string name = Path.GetFileName(notebook);
            Assert.True(File.Exists(Path.Combine(run.Output, name)), $"{name} was not written");
            Assert.True(File.Exists(Path.Combine(run.Output, Path.ChangeExtension(name, ".html"))), $"the page of {name} was not written");
        }
    }

    /// <summary>
    /// The lines each cell of the lecture notebook prints that come from the lecture, by cell id.
    /// The lecture's last cell prints other numbers when run once (see the notebook), so its fresh-run
    /// lines and the replay at draw 1604 are both here.
    /// </summary>
    public static readonly (string CellId, string[] Lines)[] LectureCells =
    [
        ("1b984275", LectureLines.ClosedForm),
        ("b0b9ad3a", LectureLines.TorchCell),
        ("c7aa28cd", ["All 9 asserts hold."]),
        ("ea4212e5", LectureLines.ManualTraversal),
        ("67028c06", ["-0.2992132831336336 -0.3191601315679838", "-0.2992132831336336 -0.3191601315679838"]),
        ("9c5c56c9", ["-0.4495361695632005 -0.30993795041828925", "closed form at the same points: -0.44953616956320025 -0.3099379504182892"]),
    ];

    [Fact]
    public void The_lecture_notebook_prints_the_lecture_numbers_cell_by_cell()
    {
        foreach ((string cellId, string[] lines) in LectureCells)
        {
            Assert.Equal(lines, run.PrintedByCell(Lecture, cellId));
        }
    }

    [Fact]
    public void The_expected_lines_that_ci_compares_are_the_lecture_cells_lines()
    {
        string file = Path.Combine(Repository.Root, "tests", "Lectures.Runner.Tests", "Expected", "lecture-lines.txt");

        Assert.Equal(LectureCells.SelectMany(c => c.Lines), File.ReadAllLines(file));
    }

    [Fact]
    public void The_lecture_notebook_shows_where_value_equality_bites_and_swaps_classes_in_one_line()
    {
        Assert.Equal(
            ["x_p == y_p: False; x_p.ValueEquals(y_p): True", "rev_topo_order.IndexOf(y_p): 7; compared by value, the first match is at 6, which is x_p"],
            run.PrintedByCell(Lecture, "30c45399"));
        Assert.Equal(["Autograd.CompNode: -0.2992132831336336 -0.3191601315679838"], run.PrintedByCell(Lecture, "ade32175"));
    }

    [Fact]
    public void The_lecture_notebook_measures_both_classes_on_the_same_gradient_and_the_recursion_depth()
    {
        string[] measured = run.PrintedByCell(Lecture, "0e43727e");
        Assert.Equal(3, measured.Length);
        Assert.StartsWith("notebook's CompNode: ", measured[0], StringComparison.Ordinal);
        Assert.StartsWith("library's CompNode: ", measured[1], StringComparison.Ordinal);
        string gradient = measured[0][measured[0].IndexOf("; gradient ", StringComparison.Ordinal)..];
        Assert.EndsWith(gradient, measured[1], StringComparison.Ordinal);

        string[] depth = run.PrintedByCell(Lecture, "f82a8e8d");
        System.Text.RegularExpressions.Match probe = System.Text.RegularExpressions.Regex.Match(
            depth[0], @"^probe: ([\d,]+) levels deep when the stack ran short, after ([\d.]+) MB of stack: (\d+) bytes of stack per level$");
        Assert.True(probe.Success, depth[0]);
        int levels = int.Parse(probe.Groups[1].Value.Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture);
        int bytesPerLevel = int.Parse(probe.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(levels > 1_000, depth[0]);
        Assert.InRange(bytesPerLevel, 16, 2_000);
        Assert.Matches(@"^the real TopoSort on a chain [\d,]+ deep, on a 2 MB thread: [\d,]+ nodes sorted$", depth[^1]);
        Assert.Equal(["library's TopoSort on a 1 MB thread: 2,000,001 nodes of a chain 1,000,000 deep"], run.PrintedByCell(Lecture, "d313e04c"));
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
        foreach (string notebook in Directory.EnumerateFiles(Path.Combine(Repository.Root, "notebooks"), "*.ipynb"))
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
        int cells = run.Executed(Lecture).GetProperty("cells").EnumerateArray().Count(c => c.GetProperty("cell_type").GetString() == "code");

        Assert.Contains($"[ 1/{cells}] ok", run.Result.Stdout, StringComparison.Ordinal);
        Assert.Contains($"[{cells}/{cells}] ok", run.Result.Stdout, StringComparison.Ordinal);
    }
}
