using System.Collections.Concurrent;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text;

namespace Lectures.Runner.Rendering;

/// <summary>
/// plotly.js as the Plotly.NET a notebook loaded carries it (an embedded resource), read from the
/// assembly file without loading it: the charts live in the worker, the page is written here.
/// </summary>
internal static class PlotlyScript
{
    private static readonly ConcurrentDictionary<string, string?> s_byAssembly = new(StringComparer.Ordinal);

    /// <summary>The script, or null when there is no such assembly or it carries no plotly.js.</summary>
    public static string? Read(string? assemblyPath) =>
        assemblyPath is null || !string.Equals(Path.GetFileName(assemblyPath), "Plotly.NET.dll", StringComparison.Ordinal)
            ? null
            : s_byAssembly.GetOrAdd(assemblyPath, ReadResource);

    private static string? ReadResource(string assemblyPath)
    {
        try
        {
            using FileStream file = File.OpenRead(assemblyPath);
            using var pe = new PEReader(file);
            MetadataReader metadata = pe.GetMetadataReader();
            CorHeader? header = pe.PEHeaders.CorHeader;
            if (header is null)
            {
                return null;
            }

            foreach (ManifestResourceHandle handle in metadata.ManifestResources)
            {
                ManifestResource resource = metadata.GetManifestResource(handle);
                string name = metadata.GetString(resource.Name);
                if (!resource.Implementation.IsNil || !name.Contains("plotly", StringComparison.OrdinalIgnoreCase) || !name.EndsWith(".min.js", StringComparison.Ordinal))
                {
                    continue;
                }

                PEMemoryBlock resources = pe.GetSectionData(header.ResourcesDirectory.RelativeVirtualAddress);
                BlobReader reader = resources.GetReader((int)resource.Offset, resources.Length - (int)resource.Offset);
                int length = reader.ReadInt32();
                return Encoding.UTF8.GetString(reader.ReadBytes(length)).TrimStart('\uFEFF');
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or BadImageFormatException or InvalidOperationException or ArgumentOutOfRangeException)
        {
            return null;
        }

        return null;
    }
}
