using System.Reflection;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;
using Microsoft.DotNet.Interactive.PackageManagement;

namespace Lectures.Runner;

/// <summary>
/// A fresh C# kernel for one notebook, set up as a notebook editor sets one up: <c>#r "nuget:"</c>
/// with the packages' kernel extensions loaded (Plotly.NET.Interactive's chart formatter among
/// them), <c>display()</c>, and value sharing.
/// </summary>
internal sealed class NotebookKernel : IDisposable
{
    private readonly CompositeKernel _root;

    public NotebookKernel()
    {
        CSharpKernel csharp = new CSharpKernel().UseKernelHelpers().UseValueSharing();
        _root = new CompositeKernel { csharp };
        _root.DefaultKernelName = csharp.Name;
        csharp.UseNugetDirective(async (kernel, packages) =>
        {
            kernel.AddAssemblyReferences(packages.SelectMany(p => p.AssemblyPaths));
            await LoadExtensionsAsync(_root, packages);
        });
    }

    /// <summary>
    /// Runs one cell's code in the kernel the cell names (a cell for a kernel this runner does not
    /// have fails saying so); a cell still running after <paramref name="timeout"/> is reported as failed.
    /// </summary>
    public async Task<CellResult> RunAsync(string code, string kernelName, int executionCount, TimeSpan timeout)
    {
        long start = System.Diagnostics.Stopwatch.GetTimestamp();
        Task<KernelCommandResult> send = _root.SendAsync(new SubmitCode(code, kernelName), CancellationToken.None);
        if (await Task.WhenAny(send, Task.Delay(timeout)) != send)
        {
            string message = $"The cell did not finish within its timeout of {timeout.TotalSeconds:0.#} s and was abandoned (raise it with --cell-timeout).";
            return new CellResult(executionCount, [new ErrorOutput("TimeoutError", message)], message, System.Diagnostics.Stopwatch.GetElapsedTime(start));
        }

        KernelCommandResult result = await send;
        var outputs = new List<CellOutput>();
        string? error = null;
        foreach (KernelEvent e in result.Events)
        {
            switch (e)
            {
                case StandardOutputValueProduced stdout:
                    outputs.Add(new StreamOutput("stdout", Text(stdout)));
                    break;
                case StandardErrorValueProduced stderr:
                    outputs.Add(new StreamOutput("stderr", Text(stderr)));
                    break;
                case ReturnValueProduced value:
                    outputs.Add(Display(value, isReturnValue: true));
                    break;
                case DisplayedValueProduced value:
                    outputs.Add(Display(value, isReturnValue: false));
                    break;
                case ErrorProduced produced:
                    outputs.Add(new ErrorOutput("Error", produced.Message));
                    error ??= produced.Message;
                    break;
                case CommandFailed failed:
                    string message = failed.Exception is null ? failed.Message : $"{failed.Exception.GetType().Name}: {failed.Exception.Message}";
                    outputs.Add(new ErrorOutput(failed.Exception?.GetType().Name ?? "Error", message));
                    error = message;
                    break;
            }
        }

        return new CellResult(executionCount, outputs, error, System.Diagnostics.Stopwatch.GetElapsedTime(start));
    }

    public void Dispose() => _root.Dispose();

    private static string Text(DisplayEvent e) =>
        e.FormattedValues.FirstOrDefault(f => f.MimeType == PlainTextFormatter.MimeType)?.Value ?? e.FormattedValues.FirstOrDefault()?.Value ?? string.Empty;

    private static DisplayOutput Display(DisplayEvent e, bool isReturnValue)
    {
        var data = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (FormattedValue value in e.FormattedValues)
        {
            data.TryAdd(value.MimeType, value.Value);
        }

        return new DisplayOutput(data, isReturnValue, PlotlyFigure.TryGetJson(e.Value));
    }

    /// <summary>
    /// Loads each restored package's <c>interactive-extensions/dotnet</c> assemblies and starts
    /// their kernel extensions, as the notebook editors' kernel does (the packages do not do it).
    /// </summary>
    private static async Task LoadExtensionsAsync(Kernel kernel, IReadOnlyList<ResolvedPackageReference> packages)
    {
        foreach (ResolvedPackageReference package in packages)
        {
            string folder = Path.Combine(package.PackageRoot, "interactive-extensions", "dotnet");
            if (!Directory.Exists(folder))
            {
                continue;
            }

            foreach (string dll in Directory.EnumerateFiles(folder, "*.dll"))
            {
                Assembly assembly = Assembly.LoadFrom(dll);
                foreach (Type type in assembly.GetExportedTypes().Where(t => typeof(IKernelExtension).IsAssignableFrom(t) && !t.IsAbstract))
                {
                    var extension = (IKernelExtension)Activator.CreateInstance(type)!;
                    await extension.OnLoadAsync(kernel);
                }
            }
        }
    }
}
