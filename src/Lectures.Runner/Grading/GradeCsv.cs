using System.Globalization;
using System.Text;

namespace Lectures.Runner.Grading;

/// <summary>
/// The grade table as CSV (RFC 4180: CRLF line ends, quotes doubled inside quoted fields), safe to
/// open in a spreadsheet although submission names come from students.
/// </summary>
internal static class GradeCsv
{
    /// <summary>One row per submission: its name, each exercise's status, how many passed, and how the run went.</summary>
    public static string Grades(IReadOnlyList<string> exercises, IReadOnlyList<SubmissionGrade> rows)
    {
        var csv = new StringBuilder();
        Row(csv, ["submission", .. exercises, "passed", "run"]);
        foreach (SubmissionGrade row in rows)
        {
            bool graded = row.Exercises.Count > 0;
            Row(csv, [
                row.Submission,
                .. exercises.Select(e => row.Exercises.TryGetValue(e, out ExerciseGrade? grade) ? grade.Status.Text() : string.Empty),
                graded ? row.Passed.ToString(CultureInfo.InvariantCulture) : string.Empty,
                row.Run]);
        }

        return csv.ToString();
    }

    /// <summary>One row per exercise: how many submissions have each status.</summary>
    public static string Totals(IReadOnlyList<string> exercises, IReadOnlyList<SubmissionGrade> rows)
    {
        var csv = new StringBuilder();
        Row(csv, ["exercise", .. Enum.GetValues<ExerciseStatus>().Select(s => s.Text())]);
        foreach (string exercise in exercises)
        {
            Row(csv, [exercise, .. Enum.GetValues<ExerciseStatus>().Select(s => Count(rows, exercise, s).ToString(CultureInfo.InvariantCulture))]);
        }

        return csv.ToString();
    }

    /// <summary>How many submissions have <paramref name="status"/> for <paramref name="exercise"/>.</summary>
    public static int Count(IReadOnlyList<SubmissionGrade> rows, string exercise, ExerciseStatus status) =>
        rows.Count(r => r.Exercises.TryGetValue(exercise, out ExerciseGrade? grade) && grade.Status == status);

    /// <summary>
    /// One field: a value a spreadsheet would run as a formula (starting with <c>=</c>, <c>+</c>,
    /// <c>-</c>, <c>@</c>, a tab or a carriage return) gets a leading <c>'</c>, so a file named
    /// <c>=HYPERLINK(...).ipynb</c> shows as text; a value with a comma, a quote or a line break is quoted.
    /// </summary>
    public static string Field(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
    }

    private static void Row(StringBuilder csv, IEnumerable<string> fields) => csv.Append(string.Join(',', fields.Select(Field))).Append("\r\n");
}
