using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Lectures.Runner.Exporting;

/// <summary>
/// The notebook's cells compiled as the kernel compiles them, one script submission after another,
/// so that every name can be bound to the declaration it means: in a script a cell may declare
/// <c>x_p</c> again, and the later cells mean the newer one, which a program has to spell differently.
/// </summary>
internal sealed class ScriptCompilation
{
    /// <summary>The namespaces a notebook kernel imports before the first cell.</summary>
    public static readonly string[] KernelUsings = ["System", "System.Collections", "System.Collections.Generic", "System.Linq", "System.Text", "System.Threading.Tasks"];

    /// <summary>How a cell is parsed: as a script submission, at the newest language version.</summary>
    public static readonly CSharpParseOptions ScriptParseOptions = new(LanguageVersion.Latest, kind: SourceCodeKind.Script);

    private ScriptCompilation(IReadOnlyList<SyntaxTree> trees, IReadOnlyList<SemanticModel> models)
    {
        Trees = trees;
        Models = models;
    }

    /// <summary>Each code cell's syntax tree, in order.</summary>
    public IReadOnlyList<SyntaxTree> Trees { get; }

    /// <summary>Each code cell's semantic model, which sees the cells before it.</summary>
    public IReadOnlyList<SemanticModel> Models { get; }

    /// <summary>Compiles <paramref name="codes"/> (the cells' code without kernel directives) against the runtime and <paramref name="assemblies"/>.</summary>
    /// <exception cref="ExportException">A cell does not parse.</exception>
    public static ScriptCompilation Create(IReadOnlyList<(int Cell, string Code)> codes, IEnumerable<string> assemblies)
    {
        List<MetadataReference> references = [.. RuntimeAssemblies().Concat(assemblies).Where(File.Exists).Distinct(StringComparer.Ordinal).Select(p => MetadataReference.CreateFromFile(p))];
        var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, usings: KernelUsings, nullableContextOptions: NullableContextOptions.Enable, allowUnsafe: true);
        List<SyntaxTree> trees = [];
        List<SemanticModel> models = [];
        CSharpCompilation? previous = null;
        foreach ((int cell, string code) in codes)
        {
            SyntaxTree tree = CSharpSyntaxTree.ParseText(code, ScriptParseOptions, path: $"cell {cell}");
            if (tree.GetDiagnostics().FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error) is Diagnostic error)
            {
                int line = error.Location.GetLineSpan().StartLinePosition.Line + 1;
                throw new ExportException($"cell {cell} line {line} does not parse as C#: {error.Id} {error.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}");
            }

            // Roslyn binds a submission only on top of one without errors, as the kernel runs a cell
            // only after the ones before it succeeded.
            if (previous?.GetDiagnostics().FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error) is Diagnostic failed)
            {
                int line = failed.Location.GetLineSpan().StartLinePosition.Line + 1;
                throw new ExportException($"{failed.Location.SourceTree?.FilePath} line {line} does not compile: {failed.Id} {failed.GetMessage(System.Globalization.CultureInfo.InvariantCulture)} (is the library the notebook loads built? `dotnet build src/Autograd.Charts`)");
            }

            previous = CSharpCompilation.CreateScriptCompilation($"Submission{cell}", tree, references, options, previous, typeof(object));
            trees.Add(tree);
            models.Add(previous.GetSemanticModel(tree));
        }

        return new ScriptCompilation(trees, models);
    }

    private static IEnumerable<string> RuntimeAssemblies() =>
        (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
}
