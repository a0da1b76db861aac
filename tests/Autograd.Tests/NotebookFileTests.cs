using System.Text.Json;
using System.Text.RegularExpressions;

namespace Autograd.Tests;

/// <summary>The committed notebooks are valid, clean and pinned: executed copies are build output.</summary>
public partial class NotebookFileTests
{
    public static TheoryData<string> Notebooks()
    {
        var data = new TheoryData<string>();
        foreach (string path in Directory.EnumerateFiles(Path.Combine(Repository.Root, "notebooks"), "*.ipynb", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(Repository.Root, path));
        }

        return data;
    }

    [Fact]
    public void There_are_notebooks()
    {
        Assert.NotEmpty(Notebooks());
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Notebook_is_valid_nbformat_4_with_polyglot_metadata_and_cell_ids(string notebook)
    {
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repository.Root, notebook)));
        JsonElement root = doc.RootElement;

        Assert.Equal(4, root.GetProperty("nbformat").GetInt32());
        Assert.True(root.GetProperty("nbformat_minor").GetInt32() >= 5, "nbformat 4.5 or later carries cell ids");
        JsonElement metadata = root.GetProperty("metadata");
        Assert.Equal(".net-csharp", metadata.GetProperty("kernelspec").GetProperty("name").GetString());
        Assert.Equal("polyglot-notebook", metadata.GetProperty("language_info").GetProperty("name").GetString());
        Assert.Equal("csharp", metadata.GetProperty("polyglot_notebook").GetProperty("kernelInfo").GetProperty("defaultKernelName").GetString());
        var ids = new HashSet<string>();
        foreach (JsonElement cell in root.GetProperty("cells").EnumerateArray())
        {
            string id = cell.GetProperty("id").GetString()!;
            Assert.Matches("^[a-zA-Z0-9-_]{1,64}$", id);
            Assert.True(ids.Add(id), $"cell id {id} appears twice");
            if (cell.GetProperty("cell_type").GetString() == "code")
            {
                Assert.Equal("csharp", cell.GetProperty("metadata").GetProperty("polyglot_notebook").GetProperty("kernelName").GetString());
            }
        }
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Notebook_is_committed_clean(string notebook)
    {
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repository.Root, notebook)));

        foreach (JsonElement cell in doc.RootElement.GetProperty("cells").EnumerateArray().Where(c => c.GetProperty("cell_type").GetString() == "code"))
        {
            Assert.Equal(0, cell.GetProperty("outputs").GetArrayLength());
            Assert.Equal(JsonValueKind.Null, cell.GetProperty("execution_count").ValueKind);
        }
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Every_nuget_reference_pins_a_version(string notebook)
    {
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repository.Root, notebook)));
        string source = string.Concat(doc.RootElement.GetProperty("cells").EnumerateArray()
            .SelectMany(c => c.GetProperty("source").EnumerateArray().Select(l => l.GetString())));

        foreach (Match reference in NugetReference().Matches(source))
        {
            Assert.Matches(@"^[A-Za-z0-9_.\-]+, *\d+\.\d+\.\d+", reference.Groups[1].Value);
        }
    }

    [GeneratedRegex("#r \"nuget: *([^\"]*)\"")]
    private static partial Regex NugetReference();
}
