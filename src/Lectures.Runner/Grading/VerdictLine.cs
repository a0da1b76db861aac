using System.Text.RegularExpressions;

namespace Lectures.Runner.Grading;

/// <summary>
/// The one line an exercise check prints, alone on its line from column 0:
/// <c>Exercise ID: correct</c>, <c>Exercise ID: not yet: MESSAGE</c> or <c>Exercise ID: not implemented yet</c>.
/// Whatever student code prints during a check is indented, so it can never read as a verdict.
/// </summary>
internal static partial class VerdictLine
{
    /// <summary>The verdicts in a check cell's standard output, by exercise id (the first verdict for an id counts).</summary>
    public static IReadOnlyDictionary<string, ExerciseGrade> Parse(string stdout)
    {
        var verdicts = new Dictionary<string, ExerciseGrade>(StringComparer.Ordinal);
        foreach (string line in stdout.Split('\n'))
        {
            Match match = Verdict().Match(line.TrimEnd('\r'));
            if (!match.Success)
            {
                continue;
            }

            ExerciseGrade grade = match.Groups[2].Value switch
            {
                "correct" => new ExerciseGrade(ExerciseStatus.Passed, null),
                "not implemented yet" => new ExerciseGrade(ExerciseStatus.NotAttempted, "not implemented yet"),
                _ => new ExerciseGrade(ExerciseStatus.Failed, match.Groups[3].Value),
            };
            verdicts.TryAdd(match.Groups[1].Value, grade);
        }

        return verdicts;
    }

    [GeneratedRegex("^Exercise ([a-z0-9-]+): (correct|not implemented yet|not yet: (.*))$")]
    private static partial Regex Verdict();
}
