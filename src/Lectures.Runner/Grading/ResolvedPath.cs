namespace Lectures.Runner;

/// <summary>
/// A path with <c>..</c> and every symbolic link on the way resolved, so that two names for one
/// file compare equal and an output can never land on a source reached another way.
/// </summary>
internal static class ResolvedPath
{
    public static string Of(string path) => Resolve(Path.GetFullPath(path), depth: 0);

    private static string Resolve(string full, int depth)
    {
        string root = Path.GetPathRoot(full) ?? "/";
        string current = root;
        foreach (string part in full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            string next = Path.Combine(current, part);
            FileSystemInfo info = Directory.Exists(next) ? new DirectoryInfo(next) : new FileInfo(next);
            if (info.LinkTarget is null || depth > 40)
            {
                current = next;
                continue;
            }

            FileSystemInfo? target = info.ResolveLinkTarget(returnFinalTarget: true);
            current = target is null ? next : Resolve(Path.GetFullPath(target.FullName), depth + 1);
        }

        return current;
    }
}
