namespace Lectures.Runner.Tests;

/// <summary>A class graded in two shards and merged gives the tables of one run over the whole class, byte for byte.</summary>
public sealed class GradeShardTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("shards").FullName;

    [Fact]
    public void Two_shards_merged_write_the_same_tables_as_one_run_and_a_missing_shard_is_refused()
    {
        string instructor = Path.Combine(Repository.Root, GradingRunFixture.Assignment);
        string handout = Path.Combine(_folder, "handout");
        Assert.Equal(0, Runner.Run(_folder, "student", instructor, "--out", handout).ExitCode);
        string submissions = Path.Combine(_folder, "collected");
        Directory.CreateDirectory(submissions);
        File.Copy(instructor, Path.Combine(submissions, "a-right.ipynb"));
        File.Copy(Path.Combine(handout, Path.GetFileName(instructor)), Path.Combine(submissions, "b-untouched.ipynb"));
        File.WriteAllText(Path.Combine(submissions, "c-broken.ipynb"), "{");

        string[] common = ["--assignment", instructor, "--seed", "20261202", "--jobs", "2"];
        RunResult whole = Runner.Run(_folder, ["grade", submissions, "--out", Path.Combine(_folder, "whole"), .. common]);
        RunResult first = Runner.Run(_folder, ["grade", submissions, "--out", Path.Combine(_folder, "shard-1"), "--shard", "1/2", .. common]);
        RunResult second = Runner.Run(_folder, ["grade", submissions, "--out", Path.Combine(_folder, "shard-2"), "--shard", "2/2", .. common]);
        Assert.True(whole.ExitCode == 0, whole.ToString());
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains("grading 2 submission(s)", first.Stdout, StringComparison.Ordinal);
        Assert.Contains("grading 1 submission(s)", second.Stdout, StringComparison.Ordinal);

        RunResult merged = Runner.Run(_folder, "grade", "merge", Path.Combine(_folder, "shard-2"), Path.Combine(_folder, "shard-1"), "--out", Path.Combine(_folder, "merged"));
        Assert.True(merged.ExitCode == 0, merged.ToString());
        foreach (string table in (string[])["grades.csv", "totals.csv", "grades.html"])
        {
            Assert.Equal(File.ReadAllText(Path.Combine(_folder, "whole", table)), File.ReadAllText(Path.Combine(_folder, "merged", table)));
        }

        Assert.True(File.Exists(Path.Combine(_folder, "merged", "submissions", "b-untouched.feedback.html")));

        RunResult missing = Runner.Run(_folder, "grade", "merge", Path.Combine(_folder, "shard-1"), "--out", Path.Combine(_folder, "half"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("shard 2/2 missing", missing.Stderr, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
