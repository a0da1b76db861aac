using System.Globalization;
using Autograd.Charts;

namespace Lectures.Runner.Grading;

/// <summary>
/// <c>grade merge DIR... [--out DIR]</c>: the outputs of every shard of one class (<c>grade --shard K/N</c>)
/// become the tables one run over the whole class writes, byte for byte, with each shard's executed
/// submissions and pages copied beside them.
/// </summary>
internal static class GradeMerge
{
    /// <summary>Merges the shards in <paramref name="folders"/> into <paramref name="output"/>; returns the exit code (2 for a missing, repeated or foreign shard).</summary>
    public static int Run(IReadOnlyList<string> folders, string output, TextWriter stdout, TextWriter stderr)
    {
        var shards = new List<(GradeShard Shard, string Assignment, IReadOnlyList<string> Exercises, string? Sandbox, IReadOnlyList<SubmissionGrade> Rows, string Folder)>();
        foreach (string folder in folders)
        {
            string file = Path.Combine(folder, GradeShard.FileName);
            if (!File.Exists(file))
            {
                stderr.WriteLine($"error: {folder} has no {GradeShard.FileName}; is it the output of grade --shard K/N?");
                return 2;
            }

            try
            {
                var (shard, assignment, exercises, sandbox, rows) = GradeShard.Read(file);
                shards.Add((shard, assignment, exercises, sandbox, rows, folder));
            }
            catch (GradingException e)
            {
                stderr.WriteLine($"error: {e.Message}");
                return 2;
            }
        }

        var first = shards[0];
        int count = first.Shard.Count;
        string? problem = shards.FirstOrDefault(s => s.Assignment != first.Assignment || !s.Exercises.SequenceEqual(first.Exercises) || s.Sandbox != first.Sandbox || s.Shard.Count != count) is { Folder: { } odd }
            ? $"{odd} is a shard of another grading (assignment, exercises, sandbox or shard count differ from {first.Folder})"
            : shards.GroupBy(s => s.Shard.Index).FirstOrDefault(g => g.Count() > 1) is { } twice
                ? string.Create(CultureInfo.InvariantCulture, $"shard {twice.Key}/{count} is given twice ({string.Join(", ", twice.Select(s => s.Folder))})")
                : Enumerable.Range(1, count).Where(k => shards.All(s => s.Shard.Index != k)).ToList() is { Count: > 0 } missing
                    ? $"shard{(missing.Count == 1 ? string.Empty : "s")} {string.Join(", ", missing.Select(k => string.Create(CultureInfo.InvariantCulture, $"{k}/{count}")))} missing"
                    : null;
        if (problem is not null)
        {
            stderr.WriteLine($"error: {problem}.");
            return 2;
        }

        List<SubmissionGrade> all = [.. shards.SelectMany(s => s.Rows).OrderBy(r => r.Submission, StringComparer.Ordinal)];
        Directory.CreateDirectory(output);
        foreach (var shard in shards)
        {
            CopySubmissions(Path.Combine(shard.Folder, "submissions"), Path.Combine(output, "submissions"));
        }

        AtomicFile.WriteAllText(Path.Combine(output, "grades.csv"), GradeCsv.Grades(first.Exercises, all));
        AtomicFile.WriteAllText(Path.Combine(output, "totals.csv"), GradeCsv.Totals(first.Exercises, all));
        AtomicFile.WriteAllText(Path.Combine(output, "grades.html"), GradePage.Render(first.Assignment, first.Exercises, all, first.Sandbox));
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"merged {count} shard(s), {all.Count} submission(s): {Path.Combine(output, "grades.csv")}, totals.csv and grades.html"));
        return 0;
    }

    private static void CopySubmissions(string from, string to)
    {
        if (!Directory.Exists(from) || Path.GetFullPath(from) == Path.GetFullPath(to))
        {
            return;
        }

        foreach (string file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }
}
