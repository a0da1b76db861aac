using System.Reflection;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;
using Microsoft.DotNet.Interactive.PackageManagement;

namespace Lectures.Runner.Execution.Worker;

/// <summary>
/// A fresh C# kernel for one notebook, set up as a notebook editor sets one up: <c>#r "nuget:"</c>
/// with the packages' kernel extensions loaded (Plotly.NET.Interactive's chart formatter among
/// them), <c>display()</c>, and value sharing. It lives in a worker process of its own, one per
/// notebook, so nothing a notebook does to its process reaches another notebook or the runner.
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
    /// have fails saying so), handing each output to <paramref name="emit"/> the moment the kernel
    /// produces it, so output printed before a crash or a hang has already left the process.
    /// Returns the error that failed the cell, or null.
    /// </summary>
    public async Task<string?> RunAsync(string code, string kernelName, Action<System.Text.Json.Nodes.JsonObject> emit)
    {
        string? error = null;
        using IDisposable subscription = _root.KernelEvents.Subscribe(new EventObserver(e =>
        {
            switch (e)
            {
                case StandardOutputValueProduced stdout:
                    emit(WorkerProtocol.Stream("stdout", Text(stdout)));
                    break;
                case StandardErrorValueProduced stderr:
                    emit(WorkerProtocol.Stream("stderr", Text(stderr)));
                    break;
                case ReturnValueProduced value:
                    emit(Display(value, isReturnValue: true, update: false));
                    break;
                case DisplayedValueUpdated value:
                    emit(Display(value, isReturnValue: false, update: true));
                    break;
                case DisplayedValueProduced value:
                    emit(Display(value, isReturnValue: false, update: false));
                    break;
                case ErrorProduced produced:
                    emit(WorkerProtocol.Error("Error", produced.Message));
                    error ??= produced.Message;
                    break;
                case CommandFailed failed:
                    string message = failed.Exception is null ? failed.Message : $"{failed.Exception.GetType().Name}: {failed.Exception.Message}";
                    emit(WorkerProtocol.Error(failed.Exception?.GetType().Name ?? "Error", message));
                    error = message;
                    break;
            }
        }));
        await _root.SendAsync(new SubmitCode(code, kernelName), CancellationToken.None);
        return error;
    }

    public void Dispose() => _root.Dispose();

    private static string Text(DisplayEvent e) =>
        e.FormattedValues.FirstOrDefault(f => f.MimeType == PlainTextFormatter.MimeType)?.Value ?? e.FormattedValues.FirstOrDefault()?.Value ?? string.Empty;

    private static System.Text.Json.Nodes.JsonObject Display(DisplayEvent e, bool isReturnValue, bool update)
    {
        var data = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (FormattedValue value in e.FormattedValues)
        {
            data.TryAdd(value.MimeType, value.Value);
        }

        return WorkerProtocol.Display(data, isReturnValue, PlotlyFigure.TryGetJson(e.Value), e.ValueId, update);
    }

    /// <summary>Runs the code of a trivial cell so the compiler's first-use cost is paid before the first cell's clock starts.</summary>
    public Task WarmUpAsync() => _root.SendAsync(new SubmitCode("_ = 0;", "csharp"), CancellationToken.None);

    private sealed class EventObserver(Action<KernelEvent> onNext) : IObserver<KernelEvent>
    {
        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void OnNext(KernelEvent value) => onNext(value);
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
