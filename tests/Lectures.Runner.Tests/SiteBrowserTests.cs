using System.Net;
using System.Net.Http.Headers;

namespace Lectures.Runner.Tests;

/// <summary>
/// The course site in a browser: every page's cells run in the page's own C# runtime, with the
/// runner's numbers, edits, errors, charts and a stop, and nothing asked of any other origin.
/// </summary>
[Collection(SiteCollection.Name)]
public sealed class SiteBrowserTests(SiteFixture site)
{
    private static readonly string[] s_pages = [SiteFixture.Lecture, SiteFixture.Exercises, SiteFixture.Training, SiteFixture.Charts, SiteFixture.NeuralNetworkExercises];

    public static TheoryData<string> Pages => [.. s_pages];

    [BrowserTheory]
    [MemberData(nameof(Pages))]
    public async Task Run_all_leaves_no_cell_failed_but_those_a_browser_cannot_run(string page)
    {
        SiteRun run = await site.RunAllAsync(page);
        Assert.NotEmpty(run.After);
        string[] wrong = [.. run.After.Select((c, i) => (Cell: c, Number: i + 1))
            .Where(c => c.Cell.State != "ok" && !(c.Cell.State == "failed" && c.Cell.BrowserLimit))
            .Select(c => $"cell {c.Number} is {c.Cell.State}: {c.Cell.Output}")];
        Assert.True(wrong.Length == 0, string.Join("\n", wrong));
        Assert.All(run.After.Where(c => c.State == "failed"), c => Assert.False(string.IsNullOrWhiteSpace(c.Output), "a failed cell says why"));
        foreach (SiteCell limited in run.After.Where(c => c.BrowserLimit))
        {
            // One line saying why, not a stack trace.
            Assert.Matches("^This cell [^\n]+ run it in an editor or with the runner\\.$", limited.Output.Trim());
        }
    }

    [BrowserFact]
    public async Task The_lecture_page_prints_the_lectures_lines_as_the_runner_does()
    {
        SiteRun run = await site.RunAllAsync(SiteFixture.Lecture);
        string[] expected = File.ReadAllLines(Path.Combine(Repository.Root, "tests", "Lectures.Runner.Tests", "Expected", "lecture-lines.txt"));
        HashSet<string> printed = [.. run.After.SelectMany(c => c.Output.Split('\n'))];
        Assert.Equal(22, expected.Length);
        Assert.All(expected, line => Assert.Contains(line, printed));

        // The cells that print them print exactly what the runner's executed notebook shows.
        for (int i = 0; i < run.After.Length; i++)
        {
            if (expected.Any(line => run.Before[i].Output.Split('\n').Contains(line)))
            {
                Assert.Equal(run.Before[i].Output.Trim(), run.After[i].Output.Trim());
            }
        }
    }

    [BrowserFact]
    public async Task An_edited_cell_runs_with_the_edit_and_a_later_cell_sees_its_variable()
    {
        await using SiteTab tab = await site.OpenAsync(SiteFixture.Lecture);
        SiteCell edited = await EditSecondCellAsync(tab, "\nvar fromEdit = 40 + 2;\nConsole.WriteLine($\"edited: {fromEdit}\");");
        Assert.Equal("ok", edited.State);
        Assert.Contains("edited: 42", edited.Output.Split('\n'));

        await tab.AppendToCellAsync(2, "\nConsole.WriteLine($\"later: {fromEdit + 1}\");");
        SiteCell later = await tab.RunCellAsync(2, TimeSpan.FromMinutes(1));
        Assert.Equal("ok", later.State);
        Assert.Contains("later: 43", later.Output.Split('\n'));
    }

    [BrowserFact]
    public async Task A_compile_error_shows_its_line_and_a_stop_ends_a_cell_that_never_finishes()
    {
        await using SiteTab tab = await site.OpenAsync(SiteFixture.Lecture);
        SiteCell failed = await EditSecondCellAsync(tab, "\nint broken = ;");
        Assert.Equal("failed", failed.State);
        Assert.False(failed.BrowserLimit);
        int lastLine = (await tab.SourceAsync(1)).Split('\n').Length;
        Assert.Contains($"({lastLine},14): error CS1525: ", failed.Output, StringComparison.Ordinal);

        await tab.ReplaceCellAsync(3, "while (true) { }");
        await tab.ClickCellRunAsync(3);
        await Task.Delay(TimeSpan.FromSeconds(2));
        await tab.ClickButtonAsync("Stop");
        SiteCell stopped = (await tab.CellsAsync())[3];
        Assert.Equal("failed", stopped.State);
        Assert.StartsWith("Stopped.", stopped.Output.Trim(), StringComparison.Ordinal);

        // The next run gets a new session, which works.
        SiteCell again = await tab.RunCellAsync(0, TimeSpan.FromMinutes(2));
        Assert.Equal("ok", again.State);
    }

    public static TheoryData<string> ChartPages => [SiteFixture.Training, SiteFixture.Charts];

    [BrowserTheory]
    [MemberData(nameof(ChartPages))]
    public async Task Charts_are_drawn_before_and_after_run_all(string page)
    {
        SiteRun run = await site.RunAllAsync(page);
        Assert.True(run.Before.Sum(c => c.Charts) >= 2, "the runner's page has the notebook's charts");
        Assert.Equal(run.Before.Sum(c => c.Charts), run.After.Sum(c => c.Charts));
        Assert.All(run.After, c => Assert.Equal(c.Charts, c.DrawnCharts));
    }

    [BrowserTheory]
    [MemberData(nameof(Pages))]
    public async Task Nothing_is_asked_of_another_origin_and_nothing_is_refused(string page)
    {
        SiteRun run = await site.RunAllAsync(page);
        Assert.Empty(run.OffOrigin);
        Assert.Empty(run.Violations);
    }

    [Fact]
    public async Task Serve_sends_the_compressed_copy_the_browser_accepts()
    {
        Assert.True(site.Build.ExitCode == 0, site.Build.Stderr);
        using var http = new HttpClient(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.None }) { BaseAddress = site.Address };
        foreach ((string coding, string suffix) in new[] { ("br", ".br"), ("gzip", ".gz") })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "runtime/_framework/dotnet.native.wasm");
            request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(coding));
            using HttpResponseMessage response = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal([coding], response.Content.Headers.ContentEncoding);
            Assert.Equal(new FileInfo(Path.Combine(site.Folder, "runtime", "_framework", "dotnet.native.wasm" + suffix)).Length, (await response.Content.ReadAsByteArrayAsync()).Length);
        }

        using HttpResponseMessage plain = await http.GetAsync("index.html");
        Assert.Empty(plain.Content.Headers.ContentEncoding);
        Assert.Contains("'wasm-unsafe-eval'", plain.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("..%2f..%2fREADME.md")).StatusCode);
    }

    [Fact]
    public void The_site_lists_the_lectures_in_order_with_relative_paths_only()
    {
        Assert.True(site.Build.ExitCode == 0, site.Build.Stderr);
        Assert.True(File.Exists(Path.Combine(site.Folder, ".nojekyll")));
        Assert.True(File.Exists(Path.Combine(site.Folder, "student", "02-exercises.ipynb")));
        Assert.DoesNotContain("// BEGIN SOLUTION", File.ReadAllText(Path.Combine(site.Folder, "student", "02-exercises.ipynb")), StringComparison.Ordinal);
        string index = File.ReadAllText(Path.Combine(site.Folder, "index.html"));
        int[] positions = [.. s_pages.Select(p => index.IndexOf($"class=\"title\" href=\"{p}\"", StringComparison.Ordinal))];
        Assert.All(positions, p => Assert.True(p > 0));
        Assert.Equal(positions.Order(), positions);
        foreach (string page in Directory.GetFiles(site.Folder, "*.html"))
        {
            string html = File.ReadAllText(page);
            Assert.DoesNotMatch("(src|href)=\"(/|[a-z]+://)(?!/)[^\"]*\"\\s*(defer|rel=\"stylesheet\")", html);
            Assert.DoesNotMatch("<script(?![^>]*\\bsrc=)(?![^>]*type=\"application/json\")", html);
            Assert.True(File.Exists(page + ".br") && File.Exists(page + ".gz"), $"{page} has compressed copies");
        }
    }

    /// <summary>Runs the lecture's first cell (its references and culture), then the second with <paramref name="appended"/> typed at its end.</summary>
    private static async Task<SiteCell> EditSecondCellAsync(SiteTab tab, string appended)
    {
        Assert.Equal("ok", (await tab.RunCellAsync(0, TimeSpan.FromMinutes(2))).State);
        await tab.AppendToCellAsync(1, appended);
        return await tab.RunCellAsync(1, TimeSpan.FromMinutes(2));
    }
}
