using System.Security.Cryptography;

namespace Lectures.Runner.Tests;

/// <summary>No file is ever lost: outputs never land on a source, however it is spelled, and never on each other.</summary>
public sealed class RunnerPathTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("runner-paths").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_notebook_reached_through_a_symlinked_folder_is_never_overwritten()
    {
        string real = Directory.CreateDirectory(Path.Combine(_folder, "real")).FullName;
        string source = Runner.WriteNotebook(real, "nb.ipynb", "Console.WriteLine(1);");
        Directory.CreateSymbolicLink(Path.Combine(_folder, "link"), real);
        byte[] before = SHA256.HashData(File.ReadAllBytes(source));

        RunResult result = Runner.Run(_folder, "link/nb.ipynb", "--out", "real");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains($"error: nb.ipynb: its output {Path.Combine(real, "nb.ipynb")} is the source notebook {Path.Combine(_folder, "link", "nb.ipynb")}; a source notebook is never overwritten. Choose another --out.", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("code cells", result.Stdout, StringComparison.Ordinal);
        Assert.Equal(before, SHA256.HashData(File.ReadAllBytes(source)));
    }

    [Theory]
    [InlineData("out-link")]
    [InlineData("real/../real")]
    [InlineData("elsewhere/../real/.")]
    public void An_output_folder_that_is_the_sources_folder_by_another_name_is_refused(string output)
    {
        string real = Directory.CreateDirectory(Path.Combine(_folder, "real")).FullName;
        Directory.CreateDirectory(Path.Combine(_folder, "elsewhere"));
        string source = Runner.WriteNotebook(real, "nb.ipynb", "Console.WriteLine(1);");
        Directory.CreateSymbolicLink(Path.Combine(_folder, "out-link"), real);
        byte[] before = SHA256.HashData(File.ReadAllBytes(source));

        RunResult result = Runner.Run(_folder, "real", "--out", output);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("a source notebook is never overwritten", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, SHA256.HashData(File.ReadAllBytes(source)));
    }

    [Fact]
    public void A_symlink_inside_the_output_folder_pointing_at_a_source_is_refused()
    {
        string real = Directory.CreateDirectory(Path.Combine(_folder, "real")).FullName;
        Runner.WriteNotebook(real, "nb.ipynb", "Console.WriteLine(1);");
        string output = Directory.CreateDirectory(Path.Combine(_folder, "out")).FullName;
        File.CreateSymbolicLink(Path.Combine(output, "nb.ipynb"), Path.Combine(real, "nb.ipynb"));

        RunResult result = Runner.Run(_folder, "real", "--out", "out");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("a source notebook is never overwritten", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Notebooks_with_the_same_name_in_two_folders_both_survive_and_copies_under_out_are_not_sources()
    {
        string course = Path.Combine(_folder, "course");
        Runner.WriteNotebook(Directory.CreateDirectory(Path.Combine(course, "week1")).FullName, "exercise.ipynb", "Console.WriteLine(\"week 1\");");
        Runner.WriteNotebook(Directory.CreateDirectory(Path.Combine(course, "week2")).FullName, "exercise.ipynb", "Console.WriteLine(\"week 2\");");

        RunResult first = Runner.Run(_folder, "course", "--out", "course/executed");
        RunResult second = Runner.Run(_folder, "course", "--out", "course/executed");
        RunResult files = Runner.Run(_folder, "course/week1/exercise.ipynb", "course/week2/exercise.ipynb", "--out", "by-file");

        foreach (RunResult result in (RunResult[])[first, second, files])
        {
            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Contains("2 notebook(s) in ", result.Stdout, StringComparison.Ordinal);
        }

        foreach (string output in (string[])["course/executed", "by-file"])
        {
            Assert.Contains("week 1", File.ReadAllText(Path.Combine(_folder, output, "week1", "exercise.ipynb")), StringComparison.Ordinal);
            Assert.Contains("week 2", File.ReadAllText(Path.Combine(_folder, output, "week2", "exercise.ipynb")), StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(_folder, output, "week2", "exercise.html")));
        }

        Assert.False(Directory.Exists(Path.Combine(_folder, "course", "executed", "executed")));
        Assert.Contains("week1/exercise.ipynb [", first.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void An_output_folder_is_created_before_anything_runs()
    {
        Runner.WriteNotebook(_folder, "nb.ipynb", "Console.WriteLine(1);");

        RunResult result = Runner.Run(_folder, "nb.ipynb", "--out", "a/b/c", "--check");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(Directory.Exists(Path.Combine(_folder, "a", "b", "c")));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(_folder, "a", "b", "c")));
    }

    [Theory]
    [InlineData("a-file", "is a file, not a folder.")]
    [InlineData("a-file/below", "cannot be created or written")]
    [InlineData("/sys/fs", "cannot be created or written")]
    [InlineData("/proc/no-such-folder", "cannot be created or written")]
    public void An_unusable_output_folder_exits_2_naming_it_before_any_notebook_runs(string output, string reason)
    {
        Runner.WriteNotebook(_folder, "nb.ipynb", "Console.WriteLine(1);");
        File.WriteAllText(Path.Combine(_folder, "a-file"), "not a folder");

        RunResult result = Runner.Run(_folder, "nb.ipynb", "--out", output);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.StartsWith($"error: --out {Path.GetFullPath(output, _folder)}: {reason}", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Stdout);
        Assert.Equal("not a folder", File.ReadAllText(Path.Combine(_folder, "a-file")));
    }

    [Fact]
    public void An_empty_output_folder_name_is_bad_usage()
    {
        RunResult result = Runner.InProcess("--out", string.Empty);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.StartsWith("error: --out needs a folder, not an empty name.", result.Stderr, StringComparison.Ordinal);
    }
}
