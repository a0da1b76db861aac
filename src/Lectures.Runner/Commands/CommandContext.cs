namespace Lectures.Runner.Commands;

/// <summary>What every verb runs with: where the repository is, and where its lines go.</summary>
/// <param name="RepositoryRoot">The repository the runner was built from (defaults such as <c>notebooks/</c> and <c>artifacts/</c> are under it).</param>
/// <param name="Out">Standard output, safe to write from several notebooks' tasks at once.</param>
/// <param name="Err">Standard error, likewise.</param>
internal sealed record CommandContext(string RepositoryRoot, TextWriter Out, TextWriter Err);
