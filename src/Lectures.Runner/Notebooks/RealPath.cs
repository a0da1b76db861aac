namespace Lectures.Runner.Notebooks;

/// <summary>
/// A path with every symbolic link and <c>..</c> resolved, as the kernel resolves it (POSIX
/// <c>realpath</c>, also for paths whose last parts do not exist yet), so that "is this output
/// one of the sources?" cannot be fooled by a link or by a different spelling of the same file.
/// </summary>
internal static class RealPath
{
    private const int MaxLinks = 40;

    public static string Of(string path)
    {
        string absolute = Path.IsPathRooted(path) ? path : Path.Combine(Environment.CurrentDirectory, path);
        var pending = new LinkedList<string>(absolute.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries));
        string current = Path.DirectorySeparatorChar.ToString();
        int links = 0;
        while (pending.First is { } first)
        {
            string part = first.Value;
            pending.RemoveFirst();
            if (part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                current = Path.GetDirectoryName(current) ?? current;
                continue;
            }

            string candidate = Path.Combine(current, part);
            string? target = LinkTarget(candidate);
            if (target is null)
            {
                current = candidate;
                continue;
            }

            if (++links > MaxLinks)
            {
                throw new IOException($"{path}: too many levels of symbolic links.");
            }

            if (Path.IsPathRooted(target))
            {
                current = Path.DirectorySeparatorChar.ToString();
            }

            foreach (string targetPart in target.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries).Reverse())
            {
                pending.AddFirst(targetPart);
            }
        }

        return current;
    }

    /// <summary>True when <paramref name="path"/> is <paramref name="folder"/> or inside it (both real paths).</summary>
    public static bool IsInside(string path, string folder) =>
        path == folder || path.StartsWith(folder.EndsWith(Path.DirectorySeparatorChar) ? folder : folder + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private static string? LinkTarget(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
