using System.Diagnostics;

namespace Lectures.Runner.Tests;

/// <summary>SIGINT and SIGTERM stop the workers, leave no temporary file and say what was finished.</summary>
public sealed class SignalTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("runner-signal").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("TERM", 143, "SIGTERM")]
    [InlineData("INT", 130, "SIGINT")]
    public async Task A_signal_mid_run_stops_the_workers_removes_temporary_files_and_says_what_finished(string signal, int exitCode, string name)
    {
        string notebooks = Directory.CreateDirectory(Path.Combine(_folder, "notebooks")).FullName;
        string temporary = Directory.CreateDirectory(Path.Combine(_folder, "tmp")).FullName;
        Runner.WriteNotebook(notebooks, "a-quick.ipynb", "Console.WriteLine(\"quick\");");
        Runner.WriteNotebook(notebooks, "b-slow.ipynb", "Console.WriteLine(\"sleeping\");\nSystem.Threading.Thread.Sleep(600_000);");
        Runner.WriteNotebook(notebooks, "c-later.ipynb", "Console.WriteLine(\"later\");");

        using Process runner = Runner.Start(_folder, new Dictionary<string, string> { ["TMPDIR"] = temporary }, "notebooks", "--out", "out", "--jobs", "1");
        Task<string> stderr = runner.StandardError.ReadToEndAsync();
        var stdout = new System.Text.StringBuilder();
        while (runner.StandardOutput.ReadLine() is string line)
        {
            stdout.AppendLine(line);
            if (line.StartsWith("b-slow.ipynb (", StringComparison.Ordinal))
            {
                // The worker is starting its kernel; give it time to be inside the slow cell.
                await Task.Delay(TimeSpan.FromSeconds(6));
                break;
            }
        }

        using (Process kill = Process.Start("kill", ["-" + signal, runner.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            kill.WaitForExit();
        }

        stdout.Append(await runner.StandardOutput.ReadToEndAsync());
        Assert.True(runner.WaitForExit(TimeSpan.FromSeconds(30)), "the runner did not stop");
        string errors = await stderr;
        string report = $"{stdout}\n{errors}";

        Assert.True(runner.ExitCode == exitCode, report);
        Assert.Contains($"stopped by {name}: finished a-quick.ipynb; stopped b-slow.ipynb (nothing written for it); not started c-later.ipynb.", errors, StringComparison.Ordinal);
        Assert.Equal(["a-quick.html", "a-quick.ipynb", "a-quick.slides.html"], Directory.GetFiles(Path.Combine(_folder, "out")).Select(p => Path.GetFileName(p)).Order());
        Assert.Empty(Directory.EnumerateFileSystemEntries(temporary));
        Assert.DoesNotContain(Process.GetProcesses(), p => SafeCommandLine(p.Id).Contains(temporary, StringComparison.Ordinal));
    }

    private static string SafeCommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline");
        }
        catch (IOException)
        {
            return string.Empty;
        }
        catch (UnauthorizedAccessException)
        {
            return string.Empty;
        }
    }
}
