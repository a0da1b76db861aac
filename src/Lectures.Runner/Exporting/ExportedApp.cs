namespace Lectures.Runner.Exporting;

/// <summary>A notebook written as a file-based app.</summary>
/// <param name="Text">The content of <c>NAME.cs</c>.</param>
/// <param name="Notes">What the app does differently from the notebook (a kernel-only package left out, an alias written out), one line each.</param>
internal sealed record ExportedApp(string Text, IReadOnlyList<string> Notes);
