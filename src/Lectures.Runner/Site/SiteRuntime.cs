using System.Diagnostics;

namespace Lectures.Runner.Site;

/// <summary>
/// The C# runtime of the pages: src/Lectures.Browser published (Release: the runtime without its
/// debugger hooks, assemblies as PE files, each with .br and .gz copies), copied under the site's
/// <c>runtime/</c> folder.
/// </summary>
internal static class SiteRuntime
{
    /// <summary>Publishes the runtime into <paramref name="scratch"/>; null and the reason when that failed.</summary>
    public static string? Publish(string repositoryRoot, string scratch, TextWriter stdout, out string? problem)
    {
        string project = Path.Combine(repositoryRoot, "src", "Lectures.Browser", "Lectures.Browser.csproj");
        problem = null;
        if (!File.Exists(project))
        {
            problem = $"the browser runtime's project is missing: {project}";
            return null;
        }

        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string arg in new[] { "publish", project, "-c", "Release", "-o", scratch, "--nologo", "-v", "quiet" })
        {
            start.ArgumentList.Add(arg);
        }

        stdout.WriteLine("publishing the browser runtime (src/Lectures.Browser)...");
        Stopwatch clock = Stopwatch.StartNew();
        using Process process = Process.Start(start) ?? throw new InvalidOperationException("dotnet could not be started.");
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> errors = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            problem = $"dotnet publish of the browser runtime failed (exit {process.ExitCode}): {string.Join('\n', (output.Result + errors.Result).Split('\n').Where(l => l.Contains("error", StringComparison.OrdinalIgnoreCase)).Take(5))}";
            return null;
        }

        stdout.WriteLine($"  published in {clock.Elapsed.TotalSeconds:0.0} s");
        return Path.Combine(scratch, "wwwroot");
    }

    /// <summary>Copies the published runtime to <c>runtime/</c> under <paramref name="site"/>.</summary>
    public static (int Files, long Bytes) Copy(string published, string site)
    {
        string target = Path.Combine(site, SiteFiles.Runtime);
        int files = 0;
        long bytes = 0;
        foreach (string file in Directory.EnumerateFiles(published, "*", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(published, file);
            string destination = Path.Combine(target, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination, overwrite: true);
            files++;
            bytes += new FileInfo(file).Length;
        }

        return (files, bytes);
    }
}
