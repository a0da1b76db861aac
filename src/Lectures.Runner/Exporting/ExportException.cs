namespace Lectures.Runner.Exporting;

/// <summary>A notebook that cannot become a file-based app; the message names the cell and what stops it.</summary>
internal sealed class ExportException(string message) : Exception(message);
