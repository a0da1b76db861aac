namespace Lectures.Runner.Grading;

/// <summary>Solution markers that do not pair up; the message names the notebook, the cell and the line.</summary>
internal sealed class SolutionRegionException(string message) : Exception(message);
