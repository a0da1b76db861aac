namespace Lectures.Runner.Exporting;

/// <summary>Where an export reads from and writes to, which decides the relative paths written into the app.</summary>
/// <param name="AppName">The app's file name without <c>.cs</c> (the notebook's name): it also names the charts' folder.</param>
/// <param name="NotebookDirectory">The notebook's folder, from which its <c>#r "path.dll"</c> lines are resolved.</param>
/// <param name="OutputDirectory">The folder the app is written to: <c>#:project</c> paths are relative to it.</param>
/// <param name="RepositoryRoot">The repository's root, for a notebook copied out of <c>notebooks/</c> whose <c>#r</c> paths no longer resolve from its own folder.</param>
internal sealed record ExportSettings(string AppName, string NotebookDirectory, string OutputDirectory, string? RepositoryRoot);
