namespace Lectures.Runner.Exporting;

/// <summary>
/// What the app references, gathered from every cell's <c>#r</c> lines in order: projects (for
/// the course library, which is not on NuGet) and packages, each once.
/// </summary>
internal sealed class AppReferences
{
    private readonly List<string> _projects = [];
    private readonly List<(string Id, string Version)> _packages = [];
    private readonly List<string> _assemblyPaths = [];

    /// <summary>Full paths of the projects to reference, in the order the notebook first needs them.</summary>
    public IReadOnlyList<string> Projects => _projects;

    /// <summary>Packages with their versions (<c>*</c> when the notebook named none).</summary>
    public IReadOnlyList<(string Id, string Version)> Packages => _packages;

    /// <summary>Full paths of the assemblies the notebook loads, which the exporter compiles against to read the notebook's names.</summary>
    public IReadOnlyList<string> AssemblyPaths => _assemblyPaths;

    /// <summary>True when the notebook loads the course's chart library, whose <c>ChartPage</c> writes charts as pages.</summary>
    public bool HasCharts => _assemblyPaths.Any(p => Path.GetFileName(p).Equals("Autograd.Charts.dll", StringComparison.OrdinalIgnoreCase));

    public void AddProject(string projectPath, string assemblyPath)
    {
        if (!_projects.Contains(projectPath, StringComparer.Ordinal))
        {
            _projects.Add(projectPath);
        }

        if (!_assemblyPaths.Contains(assemblyPath, StringComparer.Ordinal))
        {
            _assemblyPaths.Add(assemblyPath);
        }
    }

    public void AddPackage(string id, string version)
    {
        if (!_packages.Any(p => p.Id.Equals(id, StringComparison.OrdinalIgnoreCase)))
        {
            _packages.Add((id, version));
        }
    }
}
