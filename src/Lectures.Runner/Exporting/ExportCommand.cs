using Autograd.Charts;

namespace Lectures.Runner.Exporting;

/// <summary>The <c>export</c> verb: writes notebooks as file-based apps, the route Microsoft points to after the notebook kernel.</summary>
internal static class ExportCommand
{
    public const string Usage = """
        Writes notebooks as file-based apps (NAME.cs), which the .NET 10 SDK runs without a notebook editor:
        `dotnet run NAME.cs` prints what the notebook's cells print, and writes its charts as offline pages
        (NAME-charts/cell-N.html beside the app) whose paths it prints.

        Usage: dotnet run --project src/Lectures.Runner -- export NOTEBOOK [NOTEBOOK ...] [--out DIR]

          NOTEBOOK   a C# notebook (.ipynb)
          --out DIR  the folder for the apps (default: artifacts/export/); the course library is referenced
                     by a #:project path relative to it, so keep the folder inside the repository or beside it

        Exit code: 0 when every app was written, 2 for bad usage, an unreadable notebook or one with a cell a
        program cannot have (the message names the cell and line).
        """;

    /// <summary>The line that marks a file this verb wrote, so that it replaces only its own apps.</summary>
    private const string Marker = "as a file-based app. Run it with the .NET 10 SDK:";

    public static int Run(string[] args, string repositoryRoot, TextWriter stdout, TextWriter stderr)
    {
        string output = Path.Combine(repositoryRoot, "artifacts", "export");
        var paths = new List<string>();
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "-h" or "--help" or "-?":
                    stdout.WriteLine(Usage);
                    return 0;
                case "--out" when i + 1 < args.Length && args[i + 1].Length > 0:
                    output = args[++i];
                    break;
                case "--out":
                    return UsageError("--out needs a folder.", stderr);
                case string option when option.StartsWith('-'):
                    return UsageError($"Unknown option '{option}'.", stderr);
                default:
                    paths.Add(args[i]);
                    break;
            }
        }

        if (paths.Count == 0)
        {
            return UsageError("name the notebook to export.", stderr);
        }

        string folder = Path.GetFullPath(output);
        foreach (string path in paths)
        {
            if (Export(path, folder, repositoryRoot, stdout, stderr) is string problem)
            {
                stderr.WriteLine($"error: {path}: {problem}");
                return 2;
            }
        }

        return 0;
    }

    /// <summary>Writes one app; the problem that stopped it, or null.</summary>
    private static string? Export(string path, string folder, string repositoryRoot, TextWriter stdout, TextWriter stderr)
    {
        NotebookFile notebook;
        try
        {
            notebook = NotebookFile.Load(path);
        }
        catch (NotebookFormatException e)
        {
            return e.Message;
        }

        if (notebook.Cells.FirstOrDefault(c => c.IsCode && c.KernelName != "csharp") is NotebookCell other)
        {
            return $"cell {other.Number} is for the {other.KernelName} kernel; a C# app can only hold C# cells.";
        }

        string name = Path.GetFileNameWithoutExtension(notebook.Path);
        string target = Path.Combine(folder, name + ".cs");
        if (File.Exists(target) && !File.ReadLines(target).Take(20).Any(l => l.Contains(Marker, StringComparison.Ordinal)))
        {
            return $"{target} exists and was not written by export; it is left as it is.";
        }

        ExportedApp app;
        try
        {
            var settings = new ExportSettings(name, Path.GetDirectoryName(notebook.Path)!, folder, repositoryRoot);
            app = NotebookExporter.Export([.. notebook.Cells.Select(c => new ExportCell(c.Number, c.Type, c.Source))], settings);
        }
        catch (ExportException e)
        {
            return e.Message;
        }

        Directory.CreateDirectory(folder);
        AtomicFile.WriteAllText(target, app.Text);
        foreach (string note in app.Notes)
        {
            stderr.WriteLine($"note: {note}");
        }

        string shown = Path.GetRelativePath(Environment.CurrentDirectory, target);
        stdout.WriteLine($"wrote {shown}; run it with: dotnet run {shown}");
        return null;
    }

    private static int UsageError(string message, TextWriter stderr)
    {
        stderr.WriteLine($"error: {message}\n\n{Usage}");
        return 2;
    }
}
