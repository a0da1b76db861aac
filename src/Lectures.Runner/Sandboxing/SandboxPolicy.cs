using System.Runtime.InteropServices;

namespace Lectures.Runner.Sandboxing;

/// <summary>
/// What every sandboxed worker of a run may see: read-only, the .NET installation (its runtime and
/// the SDK that restores <c>#r "nuget:"</c> packages), the runner's own build (the worker), the
/// course library's build and the NuGet packages restored beforehand outside the sandbox; nothing
/// else of the machine. Each worker adds its own notebook copy, socket and scratch folder.
/// </summary>
/// <param name="Limits">What each worker may use.</param>
/// <param name="ReadOnlyFolders">Folders bound read-only at their own paths.</param>
/// <param name="PackagesFolder">The NuGet packages folder, bound read-only at its own path and named by <c>NUGET_PACKAGES</c>; a package missing from it cannot be restored (there is no network).</param>
/// <param name="DotnetRoot">The .NET installation's folder.</param>
internal sealed record SandboxPolicy(SandboxLimits Limits, IReadOnlyList<string> ReadOnlyFolders, string? PackagesFolder, string DotnetRoot)
{
    /// <summary>The folders a worker needs: the runtime's installation, the worker's build and <paramref name="libraryFolders"/>.</summary>
    public static SandboxPolicy For(SandboxLimits limits, IEnumerable<string> libraryFolders)
    {
        // .../dotnet/shared/Microsoft.NETCore.App/10.0.x/ -> .../dotnet
        string dotnetRoot = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        string worker = AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar);
        string packages = PackagesFolderOfUser();
        List<string> folders = [dotnetRoot, worker, .. libraryFolders.Select(f => Path.GetFullPath(f).TrimEnd(Path.DirectorySeparatorChar))];
        return new SandboxPolicy(limits, [.. folders.Distinct(StringComparer.Ordinal)], Directory.Exists(packages) ? packages : null, dotnetRoot);
    }

    /// <summary>The NuGet packages folder of the user running the runner: <c>NUGET_PACKAGES</c>, or <c>~/.nuget/packages</c>.</summary>
    public static string PackagesFolderOfUser() =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
}
