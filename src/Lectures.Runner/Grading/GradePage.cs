using System.Globalization;
using System.Net;
using System.Text;
using Lectures.Runner.Rendering;

namespace Lectures.Runner.Grading;

/// <summary>
/// The grade table as a web page that runs no script at all (its policy allows none, and student
/// text is escaped besides): every status is a word and a colour,
/// so it reads on screen and on a black-and-white printout, with what each check said beside it.
/// </summary>
internal static class GradePage
{
    private const int DetailLength = 160;

    /// <param name="assignment">The assignment's name.</param>
    /// <param name="exercises">The table's columns.</param>
    /// <param name="rows">A row per submission.</param>
    /// <param name="sandbox">The sandbox's limits in words, or null when the submissions ran without one (said first on the page).</param>
    public static string Render(string assignment, IReadOnlyList<string> exercises, IReadOnlyList<SubmissionGrade> rows, string? sandbox)
    {
        var html = new StringBuilder("<body>\n");
        html.Append(sandbox is null
            ? "<p><strong>Graded without a sandbox (--no-sandbox): every submission ran with the grader's rights and could read and change what the grader can.</strong></p>\n"
            : string.Empty);
        html.Append("<h1>Grades: ").Append(Escape(assignment)).Append("</h1>\n<p>")
            .Append(string.Create(CultureInfo.InvariantCulture, $"{rows.Count} submission(s), {exercises.Count} exercise(s). "))
            .Append("Each submission ran in its own process with the assignment's check cells put back")
            .Append(sandbox is null ? string.Empty : $", in a bubblewrap sandbox of its own ({Escape(sandbox)})")
            .Append("; its checks' answers were compared with the solution's on inputs drawn for this run. A name links to the executed notebook's page.</p>\n")
            .Append("<table>\n<thead><tr><th>Submission</th>");
        foreach (string exercise in exercises)
        {
            html.Append("<th>").Append(Escape(exercise)).Append("</th>");
        }

        html.Append("<th>Passed</th><th>Run</th></tr></thead>\n<tbody>\n");
        foreach (SubmissionGrade row in rows)
        {
            html.Append("<tr><th scope=\"row\">");
            if (row.Page is null)
            {
                html.Append(Escape(row.Submission));
            }
            else
            {
                html.Append("<a href=\"").Append(Escape(Href(row.Page))).Append("\">").Append(Escape(row.Submission)).Append("</a>");
            }

            html.Append("</th>");
            if (row.Exercises.Count == 0)
            {
                // The reason spans the row, where a teacher reads it first, not in the last column.
                html.Append("<td class=\"malformed\" colspan=\"").Append(exercises.Count + 2).Append("\">").Append(Escape(row.Run)).Append("</td></tr>\n");
                continue;
            }

            foreach (string exercise in exercises)
            {
                ExerciseGrade? grade = row.Exercises.GetValueOrDefault(exercise);
                html.Append(grade is null ? "<td></td>" : Cell(grade));
            }

            html.Append("<td class=\"number\">").Append(string.Create(CultureInfo.InvariantCulture, $"{row.Passed} / {exercises.Count}")).Append("</td>");
            html.Append("<td class=\"run\">").Append(Escape(row.Run)).Append("</td></tr>\n");
        }

        html.Append("</tbody>\n<tfoot>\n");
        foreach (ExerciseStatus status in Enum.GetValues<ExerciseStatus>())
        {
            html.Append("<tr><th scope=\"row\">total ").Append(status.Text()).Append("</th>");
            foreach (string exercise in exercises)
            {
                html.Append("<td class=\"number\">").Append(GradeCsv.Count(rows, exercise, status).ToString(CultureInfo.InvariantCulture)).Append("</td>");
            }

            html.Append("<td></td><td></td></tr>\n");
        }

        html.Append("</tfoot>\n</table>\n<dl class=\"legend\">\n")
            .Append("<dt class=\"passed\">passed</dt><dd>the check said correct</dd>\n")
            .Append("<dt class=\"failed\">failed</dt><dd>the check said not yet, or could not run against the student's code</dd>\n")
            .Append("<dt class=\"not-attempted\">not attempted</dt><dd>the solution is still the stub (not implemented yet)</dd>\n")
            .Append("<dt class=\"crashed\">crashed</dt><dd>the notebook's process died before this check ran</dd>\n")
            .Append("<dt class=\"timed-out\">timed out</dt><dd>a cell before this check, or the check itself, did not finish in time</dd>\n")
            .Append("</dl>\n");

        // The runner's page shell and policy, with no script at all: nothing on this page runs.
        return PageShell.Write($"Grades: {assignment}", Style, html.ToString(), []);
    }

    private static string Cell(ExerciseGrade grade)
    {
        string css = grade.Status.Text().Replace(' ', '-');
        var cell = new StringBuilder("<td class=\"").Append(css).Append("\"><span class=\"status\">").Append(grade.Status.Text()).Append("</span>");
        // What the check said is worth reading only for a failure; a crash or a timeout is told once, in the run column.
        if (grade.Detail is { Length: > 0 } detail && grade.Status == ExerciseStatus.Failed)
        {
            string shown = detail.Length <= DetailLength ? detail : detail[..(DetailLength - 1)] + "…";
            cell.Append("<small>").Append(Escape(shown)).Append("</small>");
        }

        return cell.Append("</td>").ToString();
    }

    /// <summary>A relative link to a page, each folder name percent-encoded.</summary>
    private static string Href(string relativePath) => string.Join('/', relativePath.Split('/').Select(Uri.EscapeDataString));

    private static string Escape(string text) => WebUtility.HtmlEncode(text);

    private const string Style = """
        body { margin: 1.5rem 2rem; font: 16px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #111; background: #fff; }
        table { border-collapse: collapse; }
        th, td { border: 1px solid #6b7280; padding: .3rem .5rem; vertical-align: top; text-align: left; }
        thead th { background: #f3f4f6; }
        tfoot th, tfoot td { background: #f9fafb; }
        td.number { text-align: right; font-variant-numeric: tabular-nums; }
        td.run { font-size: 13px; min-width: 18rem; max-width: 30rem; }
        td small { display: block; font-size: 12px; max-width: 11rem; overflow-wrap: anywhere; }
        .status { font-weight: 600; white-space: nowrap; }
        .passed { background: #dcfce7; color: #14532d; }
        .failed { background: #fee2e2; color: #7f1d1d; }
        .not-attempted { background: #f3f4f6; color: #374151; }
        .crashed { background: #ede9fe; color: #4c1d95; }
        .timed-out { background: #fef3c7; color: #78350f; }
        .malformed { background: #fff; color: #7f1d1d; font-style: italic; }
        a { color: #1d4ed8; }
        dl.legend { display: grid; grid-template-columns: max-content 1fr; gap: .2rem .8rem; margin-top: 1.5rem; }
        dl.legend dt { padding: 0 .4rem; font-weight: 600; }
        dl.legend dd { margin: 0; }
        @media print { body { margin: 0; } a { color: inherit; text-decoration: none; } * { -webkit-print-color-adjust: exact; print-color-adjust: exact; } }
        """;
}
