using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Lectures.Runner.Tests;

/// <summary>
/// The exercises pages of the course site in a browser: their check cells run in the page, as in an
/// editor, and print their verdicts (feedback only; grading is the teacher's, with the runner). The
/// pages carry the teacher's version, so Run all ends with every check correct; an edited answer
/// changes its verdict.
/// </summary>
[Collection(SiteCollection.Name)]
public sealed partial class SiteExerciseTests(SiteFixture site)
{
    private const string ThreadLimit = "This cell starts threads of its own (with a chosen stack size); C# in a browser has one thread, so run it in an editor or with the runner.";

    public static TheoryData<string, string> ExercisePages => new()
    {
        { SiteFixture.Exercises, "02-exercises.ipynb" },
        { SiteFixture.NeuralNetworkExercises, "06-neural-network-exercises.ipynb" },
    };

    [BrowserTheory]
    [MemberData(nameof(ExercisePages))]
    public async Task Run_all_prints_every_check_s_verdict_correct_as_the_runner_did(string page, string notebook)
    {
        string?[] checks = CheckIds(notebook);
        SiteRun run = await site.RunAllAsync(page);

        Assert.Equal(checks.Length, run.After.Length);
        Assert.True(checks.Count(id => id is not null) >= 4, string.Join(", ", checks));
        for (int i = 0; i < checks.Length; i++)
        {
            if (checks[i] is not { } id)
            {
                continue;
            }

            string verdict = $"Exercise {id}: correct";
            Assert.True(run.After[i].State == "ok", $"cell {i + 1} ({id}) is {run.After[i].State}: {run.After[i].Output}");
            Assert.False(run.After[i].BrowserLimit);
            Assert.True(Lines(run.After[i])[0] == verdict, $"cell {i + 1} printed: {run.After[i].Output}");
            Assert.DoesNotContain(Lines(run.After[i]).Skip(1), l => l.StartsWith("Exercise ", StringComparison.Ordinal));

            // The runner's executed page shows the same verdict.
            Assert.Equal(verdict, Lines(run.Before[i])[0]);
        }

        Assert.DoesNotContain(run.After, c => c.BrowserLimit);
    }

    [BrowserFact]
    public async Task An_edited_answer_changes_its_verdict_and_its_output_comes_indented_after_it()
    {
        await using SiteTab tab = await site.OpenAsync(SiteFixture.Exercises);
        string?[] checks = CheckIds("02-exercises.ipynb");
        int check = Array.IndexOf(checks, "zero-grad");
        int answer = check - 1;
        Assert.Contains("static void ZeroGrad(this CompNode root)", await tab.SourceAsync(answer), StringComparison.Ordinal);
        foreach (int i in new[] { 0, 1, 2 })
        {
            Assert.Equal("ok", (await tab.RunCellAsync(i, TimeSpan.FromMinutes(2))).State);
        }

        await tab.ReplaceCellAsync(answer, "static void ZeroGrad(this CompNode root)\n{\n    Console.WriteLine(\"zeroing nothing\");\n}");
        Assert.Equal("ok", (await tab.RunCellAsync(answer, TimeSpan.FromMinutes(1))).State);
        SiteCell wrong = await tab.RunCellAsync(check, TimeSpan.FromMinutes(1));
        Assert.Equal("ok", wrong.State);
        string[] lines = Lines(wrong);
        Assert.Equal(2, lines.Length);
        Assert.Matches(@"^Exercise zero-grad: not yet: expected 0\.0000 for the gradient of the [a-z ]+ node after ZeroGrad\(\), got -?[0-9]+\.[0-9]{4}$", lines[0]);
        Assert.Equal("  zeroing nothing", lines[1]);

        // A later cell declares the answer again, right this time, as a student's next try would.
        await tab.ReplaceCellAsync(check + 1, "static void ZeroGrad(this CompNode root)\n{\n    foreach (CompNode node in root.TopoSort())\n        node.Grad = 0;\n}");
        Assert.Equal("ok", (await tab.RunCellAsync(check + 1, TimeSpan.FromMinutes(1))).State);
        SiteCell right = await tab.RunCellAsync(check, TimeSpan.FromMinutes(1));
        Assert.Equal("ok", right.State);
        Assert.Equal(["Exercise zero-grad: correct"], Lines(right));

        // Reading code follows the cells (here a helper in another cell), not the framework, whose assemblies have no file here either.
        await tab.ReplaceCellAsync(11, "int Helper(int n) => n == 0 ? 0 : 1 + Helper(n - 1);");
        Assert.Equal("ok", (await tab.RunCellAsync(11, TimeSpan.FromMinutes(1))).State);
        await tab.ReplaceCellAsync(12, "int Entry(int n) => Helper(n);\nAutograd.Exercises.Exercise.Check(\"recursive\", () => Autograd.Exercises.Expect.NotRecursive((Func<int, int>)Entry, \"Entry\"));");
        SiteCell recursive = await tab.RunCellAsync(12, TimeSpan.FromMinutes(1));
        Assert.Equal("ok", recursive.State);
        Assert.StartsWith("Exercise recursive: not yet: Entry is recursive (Helper calls Helper): ", Assert.Single(Lines(recursive)), StringComparison.Ordinal);
    }

    [BrowserFact]
    public async Task A_check_has_no_time_limit_in_a_browser_so_stop_ends_it_and_a_too_deep_recursion_restarts_the_session()
    {
        await using SiteTab tab = await site.OpenAsync(SiteFixture.Exercises);

        // A recursion deeper than the runtime's stack ends the runtime: the cell says so in one line and the next run works.
        await tab.ReplaceCellAsync(0, "int Depth(int n) => n == 0 ? 0 : 1 + Depth(n - 1);\nAutograd.Exercises.Exercise.Check(\"deep\", () => Autograd.Exercises.Expect.Equal(Depth(1_000_000), 1_000_000, \"for the depth\"));");
        SiteCell deep = await tab.RunCellAsync(0, TimeSpan.FromMinutes(2));
        Assert.Equal("failed", deep.State);
        Assert.True(deep.BrowserLimit, deep.Output);
        Assert.Equal(
            "This cell recursed deeper than a browser's stack allows, which ended the C# session (cells run from now on start from nothing); run it in an editor or with the runner.",
            deep.Output.Trim());
        Assert.Equal("The C# session ended; the next run starts a new one.", await tab.StatusAsync());

        await tab.ReplaceCellAsync(1, "Autograd.Exercises.Exercise.Check(\"shallow\", () => Console.WriteLine(\"in a new session\"));");
        SiteCell shallow = await tab.RunCellAsync(1, TimeSpan.FromMinutes(2));
        Assert.Equal("ok", shallow.State);
        Assert.Equal(["Exercise shallow: correct", "  in a new session"], Lines(shallow));

        // No timeout can end a check on the page's one thread: it runs until Stop.
        await tab.ReplaceCellAsync(2, "Autograd.Exercises.Exercise.Check(\"endless\", () => { while (true) { } }, TimeSpan.FromMilliseconds(100));");
        await tab.ClickCellRunAsync(2);
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal("running", (await tab.CellsAsync())[2].State);
        await tab.ClickButtonAsync("Stop");
        SiteCell stopped = (await tab.CellsAsync())[2];
        Assert.Equal("failed", stopped.State);
        Assert.StartsWith("Stopped.", stopped.Output.Trim(), StringComparison.Ordinal);
    }

    [BrowserFact]
    public async Task The_lecture_s_cells_that_start_threads_still_say_so_in_one_line()
    {
        SiteRun run = await site.RunAllAsync(SiteFixture.Lecture);

        SiteCell[] limited = [.. run.After.Where(c => c.BrowserLimit)];
        Assert.NotEmpty(limited);
        Assert.All(limited, c => Assert.Equal(ThreadLimit, c.Output.Trim()));
        Assert.All(limited, c => Assert.Equal("failed", c.State));
    }

    /// <summary>For each code cell of the notebook, in order, the id of the exercise it checks, or null.</summary>
    private static string?[] CheckIds(string notebook)
    {
        JsonNode document = JsonNode.Parse(File.ReadAllText(Path.Combine(Repository.Root, "notebooks", notebook)))!;
        return [.. document["cells"]!.AsArray()
            .Where(c => (string?)c!["cell_type"] == "code")
            .Select(c => string.Concat(c!["source"]!.AsArray().Select(l => (string?)l)))
            .Select(source => CheckCall().Match(source) is { Success: true } m ? m.Groups[1].Value : null)];
    }

    /// <summary>A cell's output lines as the page shows them, indentation kept, without blank lines at either end.</summary>
    private static string[] Lines(SiteCell cell) => cell.Output.Trim('\n').Split('\n');

    [GeneratedRegex("Exercise\\.Check\\(\"([a-z0-9-]+)\"")]
    private static partial Regex CheckCall();
}
