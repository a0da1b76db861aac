using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Lectures.Runner.Notebooks;

namespace Lectures.Runner.Sandboxing;

/// <summary>
/// The packages an assignment loads with <c>#r "nuget: Id, Version"</c>, restored into the NuGet
/// packages folder before any sandbox starts: a sandbox has no network, so its kernel restores
/// from that folder alone. Only the assignment's packages are restored; a package that only a
/// submission names is not, and its cell fails offline.
/// </summary>
internal static partial class PackageRestore
{
    /// <summary>The most a restore may take before grading gives up on it.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    /// <summary>The packages the notebook's code cells name, in order of first use, each once.</summary>
    public static IReadOnlyList<(string Id, string Version)> Packages(NotebookDocument notebook) =>
        [.. notebook.CodeCells
            .SelectMany(c => PackageLine().Matches(c.Source))
            .Select(m => (Id: m.Groups["id"].Value, Version: m.Groups["version"].Value))
            .DistinctBy(p => (p.Id.ToLowerInvariant(), p.Version))];

    /// <summary>
    /// Restores <paramref name="packages"/> into <paramref name="packagesFolder"/> unless each is
    /// there already; null when they are there, otherwise what went wrong.
    /// </summary>
    public static async Task<string?> EnsureAsync(IReadOnlyList<(string Id, string Version)> packages, string packagesFolder, CancellationToken cancellationToken)
    {
        List<(string Id, string Version)> missing = [.. packages.Where(p => !Directory.Exists(Path.Combine(packagesFolder, p.Id.ToLowerInvariant(), p.Version.ToLowerInvariant())))];
        if (missing.Count == 0)
        {
            return null;
        }

        string named = string.Join(", ", missing.Select(p => $"{p.Id} {p.Version}"));
        DirectoryInfo scratch = Directory.CreateTempSubdirectory("lectures-restore-");
        try
        {
            // The project the kernel's own restore writes: the worker's target framework and the packages.
            string framework = string.Create(CultureInfo.InvariantCulture, $"net{Environment.Version.Major}.{Environment.Version.Minor}");
            var project = new XElement(
                "Project",
                new XAttribute("Sdk", "Microsoft.NET.Sdk"),
                new XElement("PropertyGroup", new XElement("TargetFramework", framework), new XElement("ManagePackageVersionsCentrally", "false")),
                new XElement("ItemGroup", missing.Select(p => new XElement("PackageReference", new XAttribute("Include", p.Id), new XAttribute("Version", p.Version)))));
            string path = Path.Combine(scratch.FullName, "restore.csproj");
            project.Save(path);
            // Nothing of the folder around it (a Directory.Packages.props, a global.json) may change what is restored.
            File.WriteAllText(Path.Combine(scratch.FullName, "Directory.Build.props"), "<Project />");
            File.WriteAllText(Path.Combine(scratch.FullName, "Directory.Packages.props"), "<Project />");

            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = scratch.FullName };
            foreach (string arg in new[] { "restore", path, "--packages", packagesFolder, "-v", "quiet", "--nologo" })
            {
                start.ArgumentList.Add(arg);
            }

            using Process process = Process.Start(start) ?? throw new InvalidOperationException("dotnet could not be started.");
            Task<string> output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            Task<string> errors = process.StandardError.ReadToEndAsync(cancellationToken);
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(Timeout);
            try
            {
                await process.WaitForExitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                cancellationToken.ThrowIfCancellationRequested();
                return $"restoring {named} took more than {Timeout.TotalMinutes:0} minutes";
            }

            if (process.ExitCode != 0)
            {
                string said = string.Join("; ", (await output + await errors).Split('\n').Select(l => l.Trim()).Where(l => l.Contains("error", StringComparison.OrdinalIgnoreCase)).Distinct().Take(3));
                return $"dotnet restore of {named} failed (exit {process.ExitCode}){(said.Length == 0 ? string.Empty : ": " + said)}";
            }

            return null;
        }
        finally
        {
            scratch.Delete(recursive: true);
        }
    }

    [GeneratedRegex("^\\s*#r\\s+\"nuget:\\s*(?<id>[A-Za-z0-9_.-]+)\\s*,\\s*(?<version>[A-Za-z0-9_.+-]+)\\s*\"", RegexOptions.Multiline)]
    private static partial Regex PackageLine();
}
