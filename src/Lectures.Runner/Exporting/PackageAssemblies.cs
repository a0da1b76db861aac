namespace Lectures.Runner.Exporting;

/// <summary>
/// The assemblies of packages already in the NuGet cache, so that the exporter can tell what a
/// cell's last expression is (a chart or nothing at all). A package not there yet only makes the
/// exporter print the value instead of knowing it is void; the app itself restores its packages.
/// </summary>
internal static class PackageAssemblies
{
    public static IEnumerable<string> Find(IEnumerable<(string Id, string Version)> packages)
    {
        string root = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        foreach ((string id, string version) in packages)
        {
            string lib = Path.Combine(root, id.ToLowerInvariant(), version.ToLowerInvariant(), "lib");
            if (!Directory.Exists(lib))
            {
                continue;
            }

            // The newest target framework folder the runtime can load: net10.0 before net8.0 before netstandard2.1.
            string? best = Directory.GetDirectories(lib)
                .Where(d => Path.GetFileName(d).StartsWith("net", StringComparison.Ordinal) && !Path.GetFileName(d).StartsWith("net4", StringComparison.Ordinal))
                .OrderBy(d => Path.GetFileName(d).StartsWith("netstandard", StringComparison.Ordinal))
                .ThenByDescending(d => Version.TryParse(Path.GetFileName(d).TrimStart('n', 'e', 't', 's', 'a', 'd', 'r'), out Version? v) ? v : new Version(0, 0))
                .FirstOrDefault();
            if (best is not null)
            {
                foreach (string dll in Directory.GetFiles(best, "*.dll"))
                {
                    yield return dll;
                }
            }
        }
    }
}
