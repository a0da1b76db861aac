using System.Globalization;

namespace Lectures.Runner.Grading;

/// <summary>One answer of a check.</summary>
/// <param name="Kind"><c>number</c>, <c>value</c>, <c>condition</c>, <c>sequence</c> or <c>code</c> (a method the grader inspects in the source).</param>
/// <param name="Value">The answer as text (a number in round-trip form).</param>
/// <param name="What">What the answer is, in the check's words; the grader quotes the instructor's.</param>
/// <param name="Tolerance">For a number, the relative tolerance of the instructor's check.</param>
internal sealed record Answer(string Kind, string Value, string What, double Tolerance)
{
    /// <summary>True when this (a submission's) answer matches <paramref name="reference"/> (the solution's) within the reference's tolerance.</summary>
    public bool Matches(Answer reference)
    {
        if (Kind != reference.Kind)
        {
            return false;
        }

        if (Kind != "number")
        {
            return string.Equals(Value, reference.Value, StringComparison.Ordinal);
        }

        if (!double.TryParse(Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double actual)
            || !double.TryParse(reference.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double expected))
        {
            return false;
        }

        return double.IsNaN(expected) ? double.IsNaN(actual)
            : double.IsInfinity(expected) ? actual == expected
            : Math.Abs(actual - expected) <= reference.Tolerance * Math.Max(1.0, Math.Abs(expected));
    }
}
