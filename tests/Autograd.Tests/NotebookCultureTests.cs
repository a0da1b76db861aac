using System.Text.Json;

namespace Autograd.Tests;

/// <summary>
/// Every notebook asks for the invariant culture before it prints, so that a machine whose language
/// writes a decimal comma still prints the lecture's digits (CI checks the printed lines under German).
/// </summary>
public class NotebookCultureTests
{
    [Theory]
    [MemberData(nameof(NotebookFileTests.Notebooks), MemberType = typeof(NotebookFileTests))]
    public void The_first_code_cell_sets_the_invariant_culture(string notebook)
    {
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repository.Root, notebook)));
        JsonElement first = doc.RootElement.GetProperty("cells").EnumerateArray().First(c => c.GetProperty("cell_type").GetString() == "code");
        string source = string.Concat(first.GetProperty("source").EnumerateArray().Select(l => l.GetString()));

        Assert.Contains("CultureInfo.DefaultThreadCurrentCulture = CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;", source, StringComparison.Ordinal);
    }
}
