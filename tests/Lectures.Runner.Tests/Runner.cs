using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Lectures.Runner.Tests;

/// <summary>Runs the built notebook runner as a separate process, as the README's main command does.</summary>
internal static class Runner
{
    /// <summary>The runner's dll, built in the same configuration as these tests (bin/&lt;Configuration&gt;/net10.0).</summary>
    public static string Dll { get; } = Path.Combine(Repository.Root, "src", "Lectures.Runner", "bin", new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name, "net10.0", "Lectures.Runner.dll");

    /// <summary>The folder of the test notebooks kept with these tests.</summary>
    public static string TestData { get; } = Path.Combine(Repository.Root, "tests", "Lectures.Runner.Tests", "TestData");

    public static RunResult Run(string workingDirectory, params string[] args)
    {
        (int exitCode, string stdout, string stderr) = ChildProcess.Run("dotnet", [Dll, .. args], TimeSpan.FromMinutes(5), workingDirectory);
        return new RunResult(exitCode, stdout, stderr);
    }

    /// <summary>
    /// Runs the runner's command line in this process, as its <c>Main</c> does: for the usage
    /// checks, which end before any notebook runs. Paths must be absolute (the working directory is the test host's).
    /// </summary>
    public static RunResult InProcess(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var context = new CommandContext(Repository.Root, TextWriter.Synchronized(stdout), TextWriter.Synchronized(stderr));
        int exitCode = new RunnerCommandLine(Repository.Root).InvokeAsync(args, context).GetAwaiter().GetResult();
        return new RunResult(exitCode, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs the runner with extra environment variables (a locale, a temporary folder).</summary>
    public static RunResult Run(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        using Process process = Start(workingDirectory, environment, args);
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"the runner did not finish within 5 minutes: {stdout.Result}");
        }

        return new RunResult(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Starts the runner and leaves it running, for tests that signal it.</summary>
    public static Process Start(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        start.ArgumentList.Add(Dll);
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach ((string name, string value) in environment)
        {
            start.Environment[name] = value;
        }

        return Process.Start(start)!;
    }

    /// <summary>Copies a folder of test notebooks (recursively) to <paramref name="destination"/>.</summary>
    public static string CopyFolder(string source, string destination)
    {
        Directory.CreateDirectory(destination);
        foreach (string file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(destination, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return destination;
    }

    /// <summary>A notebook with the Polyglot metadata and the given C# code cells.</summary>
    public static string WriteNotebook(string folder, string name, params string[] codeCells)
    {
        var cells = new JsonArray();
        for (int i = 0; i < codeCells.Length; i++)
        {
            cells.Add(new JsonObject
            {
                ["cell_type"] = "code",
                ["execution_count"] = null,
                ["id"] = $"c{i}",
                ["metadata"] = new JsonObject { ["polyglot_notebook"] = new JsonObject { ["kernelName"] = "csharp" } },
                ["outputs"] = new JsonArray(),
                ["source"] = codeCells[i],
            });
        }

        var notebook = new JsonObject
        {
            ["cells"] = cells,
            ["metadata"] = new JsonObject
            {
                ["kernelspec"] = new JsonObject { ["display_name"] = ".NET (C#)", ["language"] = "C#", ["name"] = ".net-csharp" },
                ["language_info"] = new JsonObject { ["name"] = "polyglot-notebook" },
            },
            ["nbformat"] = 4,
            ["nbformat_minor"] = 5,
        };
        string path = Path.Combine(folder, name);
        File.WriteAllText(path, notebook.ToJsonString());
        return path;
    }

}

public sealed record RunResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}
