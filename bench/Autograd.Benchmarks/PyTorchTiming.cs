using System.Diagnostics;
using System.Globalization;

namespace Autograd.Benchmarks;

/// <summary>
/// PyTorch's time for the lecture's expression, measured by the committed script
/// <c>PyTorch/lecture_loss_timing.py</c> (float64, <c>torch.set_num_threads(1)</c>, median of
/// repeats) in the benchmark process's global setup and again in its global cleanup, so both
/// engines are timed on the same machine in the same run, before and after the C# measurements
/// (the machine may be shared: the column shows PyTorch's better median). The results travel to
/// the summary's columns through a small file.
/// </summary>
public static class PyTorchTiming
{
    private const string ScriptPath = "bench/Autograd.Benchmarks/PyTorch/lecture_loss_timing.py";

    /// <summary>
    /// Runs the script for <paramref name="n"/> points and records the outcome (a time or why there
    /// is none): the first of a run starts a new record, later ones add to it.
    /// </summary>
    public static void Measure(int n, bool first)
    {
        string line;
        try
        {
            line = Run(n);
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception or IOException)
        {
            line = "error " + e.Message.ReplaceLineEndings(" ");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(ResultPath(n))!);
        if (first)
        {
            File.WriteAllText(ResultPath(n), line + "\n");
        }
        else
        {
            File.AppendAllText(ResultPath(n), line + "\n");
        }
    }

    /// <summary>The lower of the median nanoseconds per point recorded for <paramref name="n"/>, or the reason there is none.</summary>
    public static (double? NsPerPoint, string Text) Read(int n)
    {
        string path = ResultPath(n);
        if (!File.Exists(path))
        {
            return (null, "not measured");
        }

        double? best = null;
        string? problem = null;
        foreach (string line in File.ReadAllLines(path))
        {
            string[] parts = line.Trim().Split(' ');
            if (parts.Length >= 4 && parts[0] != "error" && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double median))
            {
                best = Math.Min(best ?? median, median);
            }
            else if (line.Length > 0)
            {
                problem ??= line.Trim();
            }
        }

        return best is double b ? (b, b.ToString("F1", CultureInfo.InvariantCulture)) : (null, problem ?? "not measured");
    }

    private static string ResultPath(int n) => Path.Combine(Path.GetTempPath(), "Autograd.Benchmarks", $"pytorch-lecture-loss-{n}.txt");

    private static string Run(int n) => RunScript(ScriptPath, n.ToString(CultureInfo.InvariantCulture));

    /// <summary>
    /// Runs a committed script (a path from the repository's root) with Debian's python3 and returns
    /// its output, or throws with the reason it gave none.
    /// </summary>
    public static string RunScript(string scriptPath, params string[] args)
    {
        string script = FindFile(scriptPath) ?? throw new InvalidOperationException($"{scriptPath} not found above {AppContext.BaseDirectory}");
        // Debian's interpreter first: python3-torch installs there, and another python3 may come first on PATH.
        string python = Environment.GetEnvironmentVariable("AUTOGRAD_PYTHON") ?? (File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3");
        var start = new ProcessStartInfo(python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(script);
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start");
        Task<string> error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException("the PyTorch timing took more than 5 minutes");
        }

        if (process.ExitCode != 0)
        {
            string reason = error.Result.Contains("No module named 'torch'", StringComparison.Ordinal)
                ? "python3-torch not installed (apt-get install python3-torch)"
                : $"python3 exited with {process.ExitCode}: {error.Result.Trim().Split('\n')[^1]}";
            throw new InvalidOperationException(reason);
        }

        return output.Trim();
    }

    /// <summary>A file of the repository (a path from its root), looked for above the program and the working directory.</summary>
    public static string? FindFile(string relativePath)
    {
        foreach (string start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (DirectoryInfo? dir = new(start); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, relativePath);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
