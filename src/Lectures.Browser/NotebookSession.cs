using System.Diagnostics;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Lectures.Browser;

/// <summary>
/// A notebook's kernel in the browser: each cell is compiled as the next submission of one C#
/// script (<see cref="CSharpCompilation.CreateScriptCompilation"/> chained on the previous cell's
/// compilation), so the variables, types and extension methods of earlier cells are in scope as in
/// a .NET Interactive kernel, and runs in the page's own runtime.
/// </summary>
public sealed class NotebookSession
{
    /// <summary>The namespaces a .NET Interactive C# cell has without writing them.</summary>
    private static readonly string[] s_usings =
    [
        "System", "System.Collections", "System.Collections.Generic", "System.Linq", "System.Text", "System.Threading.Tasks",
    ];

    private static readonly CSharpParseOptions s_parse = new(LanguageVersion.Latest, kind: SourceCodeKind.Script);

    private static readonly CSharpCompilationOptions s_options = new(
        OutputKind.DynamicallyLinkedLibrary,
        usings: s_usings,
        optimizationLevel: OptimizationLevel.Release,
        allowUnsafe: true,
        concurrentBuild: false);

    private readonly IReadOnlyList<MetadataReference> _references;
    private readonly SubmissionLoadContext _cells = new();
    private readonly string _prefix = $"cell-{Guid.NewGuid():N}-";
    private readonly CellGlobals _globals;
    private CSharpCompilation? _previous;
    private object?[] _states;
    private int _submissions;
    private CellOutputs? _running;

    private NotebookSession(IReadOnlyList<MetadataReference> references)
    {
        _references = references;
        _globals = new CellGlobals(value => (_running ?? throw new InvalidOperationException("display(...) was called outside a running cell.")).AddValue(value));
        _states = [_globals];
    }

    /// <summary>
    /// A session compiling against the assemblies a cell may use: the framework, the course's
    /// library and charts, and everything they refer to, read as PE images by <paramref name="readAssembly"/>
    /// (the runtime's own loaded assemblies have no file a compiler could read).
    /// </summary>
    public static async Task<NotebookSession> CreateAsync(Func<string, Task<byte[]>> readAssembly)
    {
        string[] names = ReferencedAssemblyNames();
        byte[][] images = await Task.WhenAll(names.Select(readAssembly));
        return new NotebookSession([.. images.Select(image => MetadataReference.CreateFromImage(image))]);
    }

    /// <summary>The simple names of the assemblies cells compile against: a few roots and all they refer to.</summary>
    public static string[] ReferencedAssemblyNames()
    {
        Assembly[] roots =
        [
            typeof(object).Assembly, typeof(Enumerable).Assembly, typeof(Console).Assembly, typeof(SortedSet<>).Assembly,
            typeof(Process).Assembly, typeof(Autograd.CompNode).Assembly, typeof(Autograd.Charts.AutogradCharts).Assembly,
            typeof(Plotly.NET.GenericChart).Assembly, typeof(CellGlobals).Assembly,
        ];
        string[] facades = ["System.Runtime", "netstandard", "System.Collections", "System.Threading", "System.Threading.Thread", "System.Runtime.Numerics", "System.Text.RegularExpressions", "System.Linq.Expressions", "Microsoft.CSharp"];
        var found = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Stack<AssemblyName>([.. roots.Select(a => a.GetName()), .. facades.Select(n => new AssemblyName(n))]);
        while (pending.TryPop(out AssemblyName? name))
        {
            // The compiler itself is the page's machinery, not something a cell uses.
            if (name.Name is not { } simple || simple.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal) || !found.Add(simple))
            {
                continue;
            }

            Assembly assembly;
            try
            {
                assembly = Assembly.Load(name);
            }
            catch (FileNotFoundException)
            {
                found.Remove(simple);
                continue;
            }

            foreach (AssemblyName referenced in assembly.GetReferencedAssemblies())
            {
                pending.Push(referenced);
            }
        }

        return [.. found];
    }

    /// <summary>Compiles and runs one cell after the ones run before it.</summary>
    public async Task<CellRun> RunAsync(string cell)
    {
        var outputs = new CellOutputs();
        (string code, IReadOnlyList<string> notes, string? refusal) = CellDirectives.Apply(cell);
        foreach (string note in notes)
        {
            outputs.Add("note", note);
        }

        if (refusal is not null)
        {
            outputs.Add("error", refusal);
            return new CellRun("failed", outputs.Items, null, 0, 0);
        }

        Stopwatch clock = Stopwatch.StartNew();
        SyntaxTree tree = CSharpSyntaxTree.ParseText(code, s_parse);
        CSharpCompilation compilation = CSharpCompilation.CreateScriptCompilation(
            _prefix + _submissions.ToString(System.Globalization.CultureInfo.InvariantCulture),
            tree, _references, s_options, _previous, returnType: typeof(object), globalsType: typeof(CellGlobals));
        if (HasNoCode(tree) && !compilation.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            // Only usings (and directives): the compiler emits no assembly for such a submission, but its
            // usings hold for the cells after it, so it joins the chain without running anything.
            _previous = compilation;
            _submissions++;
            return new CellRun("ok", outputs.Items, null, clock.Elapsed.TotalMilliseconds, 0);
        }

        using var image = new MemoryStream();
        Microsoft.CodeAnalysis.Emit.EmitResult emitted = compilation.Emit(image);
        double compileMs = clock.Elapsed.TotalMilliseconds;
        if (!emitted.Success)
        {
            Diagnostic[] errors = [.. emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(10)];
            foreach (Diagnostic error in errors)
            {
                LinePosition start = error.Location.GetLineSpan().StartLinePosition;
                outputs.Add("error", $"({start.Line + 1},{start.Character + 1}): error {error.Id}: {error.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}");
            }

            if (errors.Length == 0)
            {
                outputs.Add("error", "The compiler produced no code for this cell and reported no error; the cell did not run.");
            }

            return new CellRun("failed", outputs.Items, null, compileMs, 0);
        }

        clock.Restart();
        Assembly assembly = _cells.LoadCell(image.ToArray());
        IMethodSymbol entry = compilation.GetEntryPoint(CancellationToken.None) ?? throw new InvalidOperationException("The compiled cell has no entry point.");
        MethodInfo factory = assembly.GetType(entry.ContainingType.MetadataName, throwOnError: true)!
            .GetMethod(entry.MetadataName, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            ?? throw new InvalidOperationException("The compiled cell's factory is missing.");

        // Every submission keeps itself in its slot of this array and reads the earlier cells' from theirs.
        object?[] states = new object?[_submissions + 2];
        Array.Copy(_states, states, _states.Length);
        _previous = compilation;
        _states = states;
        _submissions++;

        TextWriter stdout = Console.Out, stderr = Console.Error;
        Console.SetOut(outputs.Writer("stdout"));
        Console.SetError(outputs.Writer("stderr"));
        _running = outputs;
        string? limit = null;
        bool failed = false;
        try
        {
            object? value = await ((Task<object?>)factory.Invoke(null, [states])!).ConfigureAwait(true);
            if (EndsWithExpression(tree))
            {
                outputs.AddValue(value);
            }
        }
        catch (Exception thrown)
        {
            Exception e = thrown is TargetInvocationException { InnerException: { } inner } ? inner : thrown;
            failed = true;
            limit = BrowserLimits.Explain(e);
            outputs.Add("error", limit ?? Describe(e));
        }
        finally
        {
            Console.Out.Flush();
            Console.SetOut(stdout);
            Console.SetError(stderr);
            _running = null;
        }

        return new CellRun(failed ? "failed" : "ok", outputs.Items, limit, compileMs, clock.Elapsed.TotalMilliseconds);
    }

    /// <summary>Whether the cell has nothing to run: no statements, members or types, only usings and directives.</summary>
    private static bool HasNoCode(SyntaxTree tree) => tree.GetCompilationUnitRoot() is { Members.Count: 0, AttributeLists.Count: 0 };

    /// <summary>Whether the cell ends in an expression without a semicolon, whose value it shows.</summary>
    private static bool EndsWithExpression(SyntaxTree tree)
        => tree.GetCompilationUnitRoot().Members.LastOrDefault() is GlobalStatementSyntax { Statement: ExpressionStatementSyntax { SemicolonToken.IsMissing: true } };

    /// <summary>An exception as a kernel shows it: type and message, then the frames in the notebook's own code.</summary>
    private static string Describe(Exception e)
    {
        IEnumerable<string> frames = (e.StackTrace ?? string.Empty).Split('\n')
            .Select(l => l.TrimEnd())
            .Where(l => l.Contains("Submission#", StringComparison.Ordinal))
            .Take(8);
        string inner = e.InnerException is { } cause ? $"\n ---> {cause.GetType().FullName}: {cause.Message}" : string.Empty;
        return string.Join('\n', [$"{e.GetType().FullName}: {e.Message}{inner}", .. frames]);
    }
}
