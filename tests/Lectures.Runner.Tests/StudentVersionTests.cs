using System.Text.Json.Nodes;

namespace Lectures.Runner.Tests;

public sealed class StudentVersionTests : IDisposable
{
    private const string Solved = "static int Answer()\n{\n    // BEGIN SOLUTION\n    int a = 6;\n    return a * 7;\n    // END SOLUTION\n}\n\nAnswer()";

    private const string TwoRegions = "class Pair\n{\n    public int A\n    {\n        get\n        {\n            // BEGIN SOLUTION\n            return 1;\n            // END SOLUTION\n        }\n    }\n\n  public int B()\n  {\n  // BEGIN SOLUTION\n  return 2;\n  // END SOLUTION\n  }\n}";

    private readonly string _folder = Directory.CreateTempSubdirectory("student").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Each_region_becomes_a_stub_at_its_indentation_and_only_outputs_change()
    {
        string path = Runner.WriteNotebook(_folder, "exercises.ipynb", "Console.WriteLine(1);", Solved, TwoRegions);
        JsonObject source = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        source["cells"]![1]!["outputs"] = new JsonArray(new JsonObject { ["output_type"] = "stream", ["name"] = "stdout", ["text"] = "42\n" });
        source["cells"]![1]!["execution_count"] = 3;
        source["cells"]![1]!["metadata"]!["tags"] = new JsonArray("graded");
        File.WriteAllText(path, source.ToJsonString());

        RunResult result = Runner.Run(_folder, "student", path, "--out", Path.Combine(_folder, "handout"));

        Assert.True(result.ExitCode == 0, result.ToString());
        JsonObject student = JsonNode.Parse(File.ReadAllText(Path.Combine(_folder, "handout", "exercises.ipynb")))!.AsObject();
        JsonArray cells = student["cells"]!.AsArray();
        Assert.Equal("Console.WriteLine(1);", Source(cells[0]!));
        Assert.Equal("static int Answer()\n{\n    throw new NotImplementedException();\n}\n\nAnswer()", Source(cells[1]!));
        Assert.Equal(
            "class Pair\n{\n    public int A\n    {\n        get\n        {\n            throw new NotImplementedException();\n        }\n    }\n\n  public int B()\n  {\n  throw new NotImplementedException();\n  }\n}",
            Source(cells[2]!));
        Assert.Empty(cells[1]!["outputs"]!.AsArray());
        Assert.Null(cells[1]!["execution_count"]);
        Assert.Equal(["c0", "c1", "c2"], cells.Select(c => c!["id"]!.GetValue<string>()));
        Assert.Equal("graded", cells[1]!["metadata"]!["tags"]![0]!.GetValue<string>());
        Assert.Equal(source["metadata"]!.ToJsonString(), student["metadata"]!.ToJsonString());
    }

    [Theory]
    [InlineData("void F()\n{\n    // BEGIN SOLUTION\n    // BEGIN SOLUTION\n    // END SOLUTION\n}", "cell 2, line 4: // BEGIN SOLUTION inside the region opened at line 3")]
    [InlineData("void F()\n{\n    return;\n    // END SOLUTION\n}", "cell 2, line 4: // END SOLUTION without a // BEGIN SOLUTION")]
    [InlineData("void F()\n{\n  // BEGIN SOLUTION\n  return;\n}", "cell 2, line 3: // BEGIN SOLUTION is never closed")]
    public void Markers_that_do_not_pair_up_exit_2_naming_the_cell_and_line(string cell, string message)
    {
        string path = Runner.WriteNotebook(_folder, "broken.ipynb", "int x = 1;", cell);

        RunResult result = Runner.Run(_folder, "student", path, "--out", Path.Combine(_folder, "handout"));

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains($"broken.ipynb: {message}", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_folder, "handout", "broken.ipynb")));
    }

    [Fact]
    public void A_student_version_never_replaces_its_source_even_through_a_link()
    {
        string path = Runner.WriteNotebook(_folder, "exercises.ipynb", Solved);
        string before = File.ReadAllText(path);
        string link = Path.Combine(Directory.CreateTempSubdirectory("student-link").FullName, "here");
        Directory.CreateSymbolicLink(link, _folder);
        try
        {
            RunResult direct = Runner.Run(_folder, "student", path, "--out", _folder);
            RunResult linked = Runner.Run(_folder, "student", path, "--out", link);

            Assert.True(direct.ExitCode == 2, direct.ToString());
            Assert.True(linked.ExitCode == 2, linked.ToString());
            Assert.Contains("would replace a source notebook", linked.Stderr, StringComparison.Ordinal);
            Assert.Equal(before, File.ReadAllText(path));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(link)!, recursive: true);
        }
    }

    [Fact]
    public void A_notebook_without_regions_named_for_a_student_version_exits_2()
    {
        string path = Runner.WriteNotebook(_folder, "plain.ipynb", "Console.WriteLine(1);");

        RunResult result = Runner.Run(_folder, "student", path, "--out", Path.Combine(_folder, "handout"));

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("plain.ipynb: no // BEGIN SOLUTION region", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void The_main_command_writes_student_versions_of_the_notebooks_with_regions_only()
    {
        Runner.WriteNotebook(_folder, "exercises.ipynb", Solved);
        Runner.WriteNotebook(_folder, "lecture.ipynb", "Console.WriteLine(6 * 7);");

        RunResult result = Runner.Run(_folder, _folder, "--out", Path.Combine(_folder, "out"));

        Assert.True(result.ExitCode == 0, result.ToString());
        string handout = File.ReadAllText(Path.Combine(_folder, "out", "student", "exercises.ipynb"));
        Assert.Contains("throw new NotImplementedException();", handout, StringComparison.Ordinal);
        Assert.DoesNotContain("return a * 7;", handout, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_folder, "out", "student", "lecture.ipynb")));
        Assert.Contains("42", File.ReadAllText(Path.Combine(_folder, "out", "exercises.ipynb")), StringComparison.Ordinal);
    }

    /// <summary>A cell's source, one string or a list of lines as nbformat allows.</summary>
    private static string Source(JsonNode cell) => cell["source"] is JsonArray lines
        ? string.Concat(lines.Select(l => l!.GetValue<string>()))
        : cell["source"]!.GetValue<string>();
}
