using System.Reflection;
using System.Runtime.Loader;

namespace Lectures.Browser;

/// <summary>
/// Where a notebook's compiled cells live: each cell's assembly refers to the earlier cells'
/// assemblies by name, and an assembly loaded from bytes is found by name only in the load context
/// that loaded it, so all of a notebook's cells share this one.
/// </summary>
internal sealed class SubmissionLoadContext : AssemblyLoadContext
{
    private readonly Dictionary<string, Assembly> _cells = new(StringComparer.Ordinal);

    public SubmissionLoadContext()
        : base("notebook cells", isCollectible: false)
    {
    }

    /// <summary>Loads a compiled cell, findable by name from the cells after it.</summary>
    public Assembly LoadCell(byte[] image)
    {
        using var stream = new MemoryStream(image, writable: false);
        Assembly assembly = LoadFromStream(stream);
        _cells[assembly.GetName().Name!] = assembly;
        return assembly;
    }

    protected override Assembly? Load(AssemblyName assemblyName)
        => assemblyName.Name is { } name && _cells.TryGetValue(name, out Assembly? cell) ? cell : null;
}
