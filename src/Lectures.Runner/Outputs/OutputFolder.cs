namespace Lectures.Runner.Outputs;

/// <summary>
/// The check every command makes of its output folder before any work starts: it is created and a
/// file is written there, so that an unusable folder is reported at once rather than after the
/// first notebook's or submission's work.
/// </summary>
internal static class OutputFolder
{
    /// <summary>Null when <paramref name="folder"/> can be written; else why not, as the end of a sentence.</summary>
    public static string? Problem(string folder)
    {
        if (File.Exists(folder))
        {
            return "is a file, not a folder.";
        }

        try
        {
            Directory.CreateDirectory(folder);
            string probe = Path.Combine(folder, $".lectures-runner-write-check-{Guid.NewGuid():N}");
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }

            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            return $"cannot be created or written ({e.Message.Split('\n')[0]})";
        }
    }
}
