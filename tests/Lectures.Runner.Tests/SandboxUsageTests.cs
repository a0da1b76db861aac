namespace Lectures.Runner.Tests;

/// <summary>grade without a usable sandbox: it stops before anything runs, or says on every line that it runs without one.</summary>
public class SandboxUsageTests
{
    [Fact]
    public void Grade_exits_2_before_running_anything_when_bubblewrap_is_missing_and_names_the_fix()
    {
        string folder = Directory.CreateTempSubdirectory("no-bwrap").FullName;
        try
        {
            string submissions = Path.Combine(folder, "collected");
            Directory.CreateDirectory(submissions);
            File.Copy(Path.Combine(Repository.Root, GradingRunFixture.Assignment), Path.Combine(submissions, "right.ipynb"));
            string output = Path.Combine(folder, "grades");

            // A PATH with the .NET host and nothing else: no bwrap to be found.
            RunResult result = Runner.Run(folder, new Dictionary<string, string> { ["PATH"] = Path.GetDirectoryName(Environment.ProcessPath)! }, "grade", submissions, "--out", output);

            Assert.True(result.ExitCode == 2, result.ToString());
            Assert.Contains("apt-get install bubblewrap", result.Stderr, StringComparison.Ordinal);
            Assert.Contains("--no-sandbox", result.Stderr, StringComparison.Ordinal);
            Assert.False(Directory.Exists(Path.Combine(output, "submissions")), "something ran before the sandbox was checked");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Grade_with_no_sandbox_says_so_on_every_line_and_at_the_top_of_the_page()
    {
        string folder = Directory.CreateTempSubdirectory("no-sandbox").FullName;
        try
        {
            string submissions = Path.Combine(folder, "collected");
            Directory.CreateDirectory(submissions);
            File.WriteAllText(Path.Combine(submissions, "not-a-notebook.ipynb"), "{");
            string output = Path.Combine(folder, "grades");

            RunResult result = Runner.Run(folder, "grade", submissions, "--out", output, "--no-sandbox");

            Assert.True(result.ExitCode == 0, result.ToString());
            string[] lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.NotEmpty(lines);
            Assert.All(lines, l => Assert.StartsWith("[no sandbox] ", l, StringComparison.Ordinal));
            string page = File.ReadAllText(Path.Combine(output, "grades.html"));
            int warning = page.IndexOf("Graded without a sandbox", StringComparison.Ordinal);
            Assert.True(warning > 0 && warning < page.IndexOf("<h1>", StringComparison.Ordinal), "the warning is not above the title");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
