using Lectures.Runner.Sandboxing;

namespace Lectures.Runner.Tests;

/// <summary>
/// A sandbox has no network, so the packages an assignment loads are restored before any sandbox
/// starts: on a machine that never ran the notebook, grading works the first time.
/// </summary>
public sealed class PackageRestoreTests : IDisposable
{
    private readonly DirectoryInfo _packages = Directory.CreateTempSubdirectory("package-restore-");

    [Fact]
    public void The_packages_are_the_pinned_nuget_lines_of_the_code_cells_each_once()
    {
        NotebookDocument notebook = new()
        {
            Path = "/tmp/test.ipynb",
            Cells =
            [
                new NotebookCell { Number = 1, Type = "code", Source = "#r \"nuget: CsCheck, 5.0.1\"\n#r \"../bin/Autograd.dll\"\nusing CsCheck;" },
                new NotebookCell { Number = 2, Type = "markdown", Source = "#r \"nuget: Markdown.Only, 1.0.0\"" },
                new NotebookCell { Number = 3, Type = "code", Source = "  #r \"nuget:cscheck,5.0.1\"\n#r \"nuget: Markdig, 1.6.0\"\n// #r \"nuget: Commented, 1.0.0\"" },
            ],
        };

        Assert.Equal([("CsCheck", "5.0.1"), ("Markdig", "1.6.0")], PackageRestore.Packages(notebook));
    }

    [Fact]
    public async Task A_missing_package_is_restored_into_the_folder_and_one_that_is_there_is_left_alone()
    {
        Assert.Null(await PackageRestore.EnsureAsync([("CsCheck", "5.0.1")], _packages.FullName, CancellationToken.None));
        string restored = Path.Combine(_packages.FullName, "cscheck", "5.0.1");
        Assert.True(File.Exists(Path.Combine(restored, "cscheck.5.0.1.nupkg")), $"nothing restored in {restored}");

        // There already: no restore runs, so a folder the restore could not write to is no problem.
        DateTime written = Directory.GetLastWriteTimeUtc(restored);
        Assert.Null(await PackageRestore.EnsureAsync([("CsCheck", "5.0.1")], _packages.FullName, CancellationToken.None));
        Assert.Equal(written, Directory.GetLastWriteTimeUtc(restored));
    }

    [Fact]
    public async Task A_package_that_cannot_be_restored_is_named()
    {
        string? problem = await PackageRestore.EnsureAsync([("Lectures.No.Such.Package.Anywhere", "1.0.0")], _packages.FullName, CancellationToken.None);

        Assert.NotNull(problem);
        Assert.StartsWith("dotnet restore of Lectures.No.Such.Package.Anywhere 1.0.0 failed (exit 1)", problem, StringComparison.Ordinal);
    }

    public void Dispose() => _packages.Delete(recursive: true);
}
