namespace Lectures.Runner.Tests;

/// <summary>The <c>export</c> verb's refusals, each before anything is written: exit 2 and one line saying what is wrong.</summary>
public sealed class ExportUsageTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("export-usage").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Without_a_notebook_the_verb_says_what_it_needs()
    {
        RunResult result = Runner.InProcess("export");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.StartsWith("error: name the notebook to export.", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_of_the_same_name_that_export_did_not_write_is_left_as_it_is()
    {
        string notebook = Runner.WriteNotebook(_folder, "mine.ipynb", "Console.WriteLine(1);");
        string apps = Path.Combine(_folder, "apps");
        Directory.CreateDirectory(apps);
        File.WriteAllText(Path.Combine(apps, "mine.cs"), "Console.WriteLine(\"my own program\");\n");

        RunResult result = Runner.InProcess("export", notebook, "--out", apps);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("mine.cs exists and was not written by export; it is left as it is.", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("Console.WriteLine(\"my own program\");\n", File.ReadAllText(Path.Combine(apps, "mine.cs")));
    }

    [Fact]
    public void A_cell_a_program_cannot_have_is_named_and_nothing_is_written()
    {
        string notebook = Runner.WriteNotebook(_folder, "property.ipynb", "Console.WriteLine(1);", "int Count { get; set; }");
        string apps = Path.Combine(_folder, "apps");

        RunResult result = Runner.InProcess("export", notebook, "--out", apps);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("property.ipynb: cell 2 line 1: a PropertyDeclaration at the top of a cell", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(apps, "property.cs")));
    }
}
