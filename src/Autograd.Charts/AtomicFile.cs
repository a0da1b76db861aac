namespace Autograd.Charts;

/// <summary>
/// Writes files so that a reader sees the old content or the new, never half of one. Compiled
/// into the notebook runner as well, which writes its pages the same way.
/// </summary>
internal static class AtomicFile
{
    /// <summary>Writes to a temporary file beside <paramref name="path"/>, then renames it over the target.</summary>
    public static void WriteAllText(string path, string contents)
    {
        string full = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);
        string temporary = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllText(temporary, contents);
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
