namespace Lectures.TestSupport;

/// <summary>The repository the tests were built in: the folder with <c>Lectures.sln</c> above their output folder.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Lectures.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Lectures.sln above {AppContext.BaseDirectory}.");
    }
}
