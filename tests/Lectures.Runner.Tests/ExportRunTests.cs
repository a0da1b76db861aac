namespace Lectures.Runner.Tests;

/// <summary>
/// The <c>export</c> verb end to end: a small notebook written as a file-based app and run with
/// <c>dotnet run NAME.cs</c> under German, from a folder inside the repository (so the repository's
/// central package versions and build rules are around it), prints what the kernel prints.
/// </summary>
public sealed class ExportRunTests : IDisposable
{
    private static readonly Dictionary<string, string> German = new() { ["LANG"] = "de_DE.UTF-8", ["LC_ALL"] = "de_DE.UTF-8" };

    private readonly string _folder = Path.Combine(Repository.Root, "artifacts", "export-tests", Guid.NewGuid().ToString("N"));

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void An_exported_notebook_runs_with_dotnet_run_and_prints_what_the_kernel_prints()
    {
        Directory.CreateDirectory(_folder);
        string notebook = Runner.WriteNotebook(
            _folder,
            "small.ipynb",
            "#r \"nuget: Plotly.NET.Interactive, 6.0.0\"\n#r \"../src/Autograd.Charts/bin/Debug/net10.0/Autograd.dll\"\n#r \"../src/Autograd.Charts/bin/Debug/net10.0/Autograd.Charts.dll\"\n\nusing System.Globalization;\nusing Autograd;\nusing Autograd.Charts;\n\nConsole.WriteLine(CultureInfo.CurrentCulture.Name);\nCultureInfo.DefaultThreadCurrentCulture = CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;",
            "var (xs, ys) = DistanceLoss.GeneratePoints(new PyRandom(5), 100);\nCompNode xp = new(0.3), yp = new(0.3);\nDistanceLoss.Graph(xp, yp, xs, ys).Backward();\nConsole.WriteLine($\"{xp.Grad} {yp.Grad}\");",
            "string xp = \"again\";\nConsole.WriteLine(xp.Length);",
            "public class Box\n{\n    public double V { get; set; }\n}",
            "static double Twice(this Box b) => 2 * b.V;\n\nnew Box { V = 1.25 }.Twice()",
            "new List<int> { 1, 2 }",
            "AutogradCharts.LossCurve(xs, ys, new[] { 0.1 }, steps: 3)");
        string apps = Path.Combine(_folder, "apps");

        RunResult export = Runner.Run(_folder, "export", notebook, "--out", apps);
        (int exitCode, string stdout, string stderr) = ChildProcess.Run("dotnet", ["run", "small.cs"], TimeSpan.FromMinutes(5), apps, German);

        Assert.True(export.ExitCode == 0, export.ToString());
        Assert.True(exitCode == 0, $"exit {exitCode}\n{stdout}\n{stderr}\n{File.ReadAllText(Path.Combine(apps, "small.cs"))}");
        string[] printed = [.. stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.Contains("warning", StringComparison.Ordinal))];
        Assert.Equal(["de-DE", "-0.28245211967555384 -0.5339538940488842", "5", "2.5", "[ 1, 2 ]", "chart: small-charts/cell-7.html"], printed);
        Assert.Contains("Plotly.newPlot", File.ReadAllText(Path.Combine(apps, "small-charts", "cell-7.html")), StringComparison.Ordinal);
    }
}
