namespace Lectures.Runner.Notebooks;

/// <summary>A file that cannot be read as a Jupyter notebook; the message says what is wrong with it.</summary>
internal sealed class NotebookFormatException(string message, Exception? inner = null) : Exception(message, inner);
