using System.Text.Json.Nodes;

namespace Lectures.Runner.Tests;

/// <summary>Runs the built notebook runner as a separate process, as the README's main command does.</summary>
internal static class Runner
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static RunResult Run(string workingDirectory, params string[] args)
    {
        // The runner is built in the same configuration as these tests (bin/<Configuration>/net10.0).
        string configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        string dll = Path.Combine(RepositoryRoot, "src", "Lectures.Runner", "bin", configuration, "net10.0", "Lectures.Runner.dll");
        (int exitCode, string stdout, string stderr) = ChildProcess.Run("dotnet", [dll, .. args], TimeSpan.FromMinutes(5), workingDirectory);
        return new RunResult(exitCode, stdout, stderr);
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

    private static string FindRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Lectures.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Lectures.sln above {AppContext.BaseDirectory}.");
    }
}

public sealed record RunResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}
