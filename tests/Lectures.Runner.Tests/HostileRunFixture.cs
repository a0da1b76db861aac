using System.Text.Json;

namespace Lectures.Runner.Tests;

/// <summary>
/// Three runs of the runner shared by every hostile-notebook test: the notebooks that crash, exhaust
/// memory or flood their output (with a copy of the lecture notebook outside the repository),
/// the notebooks about clocks, and those about leaks and culture, run one after the other under a German locale.
/// </summary>
public sealed class HostileRunFixture : IDisposable
{
    public const string Lecture = "01-lectures-07-08-autograd.ipynb";

    public const int TimingTimeoutSeconds = 4;

    private readonly string _folder = Directory.CreateTempSubdirectory("runner-hostile").FullName;

    public HostileRunFixture()
    {
        HostileFolder = Runner.CopyFolder(Path.Combine(Runner.TestData, "hostile"), Path.Combine(_folder, "hostile"));
        File.Copy(Path.Combine(Runner.RepositoryRoot, "notebooks", Lecture), Path.Combine(HostileFolder, Lecture));
        HostileOutput = Path.Combine(_folder, "hostile-out");
        Hostile = Runner.Run(_folder, "hostile", "--out", HostileOutput, "--jobs", "2", "--memory-limit", "1024", "--cell-timeout", "240");

        TimingFolder = Runner.CopyFolder(Path.Combine(Runner.TestData, "timing"), Path.Combine(_folder, "timing"));
        TimingOutput = Path.Combine(_folder, "timing-out");
        Timing = Runner.Run(_folder, "timing", "--out", TimingOutput, "--jobs", "1", "--cell-timeout", TimingTimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Runner.CopyFolder(Path.Combine(Runner.TestData, "isolation"), Path.Combine(_folder, "isolation"));
        IsolationOutput = Path.Combine(_folder, "isolation-out");
        Isolation = Runner.Run(_folder, new Dictionary<string, string> { ["LANG"] = "de_DE.UTF-8", ["LC_ALL"] = "de_DE.UTF-8" },
            "isolation", "--out", IsolationOutput, "--jobs", "1", "--cell-timeout", "240");
    }

    public string HostileFolder { get; }

    public string HostileOutput { get; }

    public RunResult Hostile { get; }

    public string TimingFolder { get; }

    public string TimingOutput { get; }

    public RunResult Timing { get; }

    public string IsolationOutput { get; }

    /// <summary>Notebooks that change their process, then one that looks, in order, under a German locale.</summary>
    public RunResult Isolation { get; }

    /// <summary>The outputs of one code cell (counting code cells from 1) of an executed notebook.</summary>
    public static JsonElement[] Outputs(string executedPath, int codeCell) =>
        [.. JsonDocument.Parse(File.ReadAllText(executedPath)).RootElement.GetProperty("cells").EnumerateArray()
            .Where(c => c.GetProperty("cell_type").GetString() == "code")
            .ElementAt(codeCell - 1).GetProperty("outputs").EnumerateArray()];

    /// <summary>The text of the stream outputs named <paramref name="stream"/> of one code cell.</summary>
    public static string Stream(string executedPath, int codeCell, string stream = "stdout") =>
        string.Concat(Outputs(executedPath, codeCell)
            .Where(o => o.GetProperty("output_type").GetString() == "stream" && o.GetProperty("name").GetString() == stream)
            .Select(o => o.GetProperty("text").GetString()));

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}

[CollectionDefinition(Name)]
public sealed class HostileRunCollection : ICollectionFixture<HostileRunFixture>
{
    public const string Name = "One run of the hostile notebooks";
}
