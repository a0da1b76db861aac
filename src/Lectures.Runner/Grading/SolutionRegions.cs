using System.Text;

namespace Lectures.Runner.Grading;

/// <summary>
/// The solution regions of a cell, between lines <c>// BEGIN SOLUTION</c> and <c>// END SOLUTION</c>
/// (nbgrader's convention), so that one instructor notebook yields both the solution and the
/// version students complete.
/// </summary>
internal static class SolutionRegions
{
    public const string BeginMarker = "// BEGIN SOLUTION";
    public const string EndMarker = "// END SOLUTION";

    /// <summary>
    /// What a region becomes in the student version: it compiles wherever the solution stood (in a
    /// method, operator or accessor body), and the exercise's check reports it as not implemented
    /// yet instead of stopping the notebook.
    /// </summary>
    public const string Stub = "throw new NotImplementedException();";

    /// <summary>True when some line of <paramref name="source"/> is a solution marker.</summary>
    public static bool HasMarkers(string source) => SplitLines(source).Any(line => IsMarker(line, BeginMarker) || IsMarker(line, EndMarker));

    /// <summary>
    /// The source with each region, markers included, replaced by <see cref="Stub"/> at the
    /// indentation of its <c>// BEGIN SOLUTION</c> line; everything outside the regions is kept
    /// byte for byte.
    /// </summary>
    /// <param name="source">The cell's text.</param>
    /// <param name="cell">Names the cell in an error message, e.g. <c>02-exercises.ipynb: cell 7</c>.</param>
    /// <exception cref="SolutionRegionException">A marker without its partner, or a region inside another.</exception>
    public static string Replace(string source, string cell)
    {
        var result = new StringBuilder(source.Length);
        int? openedAt = null;
        string indentation = string.Empty;
        int number = 0;
        foreach (string line in SplitLines(source))
        {
            number++;
            if (IsMarker(line, BeginMarker))
            {
                if (openedAt is not null)
                {
                    throw new SolutionRegionException($"{cell}, line {number}: {BeginMarker} inside the region opened at line {openedAt}; regions cannot nest.");
                }

                openedAt = number;
                indentation = line[..(line.Length - line.TrimStart().Length)];
            }
            else if (IsMarker(line, EndMarker))
            {
                if (openedAt is null)
                {
                    throw new SolutionRegionException($"{cell}, line {number}: {EndMarker} without a {BeginMarker} before it.");
                }

                result.Append(indentation).Append(Stub).Append(line[line.TrimEnd('\r', '\n').Length..]);
                openedAt = null;
            }
            else if (openedAt is null)
            {
                result.Append(line);
            }
        }

        return openedAt is null
            ? result.ToString()
            : throw new SolutionRegionException($"{cell}, line {openedAt}: {BeginMarker} is never closed by {EndMarker}.");
    }

    /// <summary>A marker line: the marker alone on its line, any indentation, nothing after it but spaces.</summary>
    private static bool IsMarker(string line, string marker) => line.Trim() == marker;

    /// <summary>The lines of <paramref name="source"/>, each with its line break (the last may have none).</summary>
    private static IEnumerable<string> SplitLines(string source)
    {
        int start = 0;
        while (start < source.Length)
        {
            int end = source.IndexOf('\n', start);
            end = end < 0 ? source.Length : end + 1;
            yield return source[start..end];
            start = end;
        }
    }
}
