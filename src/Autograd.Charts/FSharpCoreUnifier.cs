using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;

namespace Autograd.Charts;

/// <summary>
/// Lets Plotly.NET run in a host that already loaded an older FSharp.Core.
/// </summary>
/// <remarks>
/// Plotly.NET 6.0.0 is built against FSharp.Core 10.1.0.0, while the last released notebook
/// kernels (the one VS Code's Polyglot Notebooks and Jupyter start, and dotnet-repl) load
/// FSharp.Core 10.0.0.0 at start-up; a request for 10.1.0.0 then fails and the first chart
/// throws <see cref="FileNotFoundException"/>. When this assembly is first used, a resolver is
/// installed that answers a request for FSharp.Core that nothing else could satisfy with the
/// FSharp.Core the process already has. It changes nothing in a host that resolves FSharp.Core
/// itself (a program that references the right version never asks).
/// </remarks>
internal static class FSharpCoreUnifier
{
    private static int s_installed;

    [ModuleInitializer]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "CA2255", Justification = "The resolver must be in place before Plotly.NET's first type load, which a notebook gives no other hook for.")]
    internal static void Install()
    {
        if (Interlocked.Exchange(ref s_installed, 1) == 0)
        {
            AssemblyLoadContext.Default.Resolving += ResolveFSharpCore;
        }
    }

    private static Assembly? ResolveFSharpCore(AssemblyLoadContext context, AssemblyName name)
    {
        if (!string.Equals(name.Name, "FSharp.Core", StringComparison.Ordinal))
        {
            return null;
        }

        foreach (AssemblyLoadContext alc in AssemblyLoadContext.All)
        {
            foreach (Assembly loaded in alc.Assemblies)
            {
                if (string.Equals(loaded.GetName().Name, "FSharp.Core", StringComparison.Ordinal))
                {
                    return loaded;
                }
            }
        }

        return null;
    }
}
