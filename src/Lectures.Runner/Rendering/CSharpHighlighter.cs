using System.Collections.Immutable;
using System.Net;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Classification;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Scripting;
using Microsoft.CodeAnalysis.Text;

namespace Lectures.Runner.Rendering;

/// <summary>
/// Colours a notebook's C# cells when the page is written, with the classifier an editor uses, so
/// the page needs no script to highlight and a type, a method and a local read differently, as in
/// the editor. Each cell is a script submission that sees the cells before it, as in the kernel:
/// a variable declared in one cell is still known in the next. <c>#!</c> magic commands, which the
/// compiler does not know, are shown as directives.
/// </summary>
internal static class CSharpHighlighter
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> s_framework = new(FrameworkReferences);

    /// <summary>The namespaces a .NET Interactive C# kernel imports before the first cell.</summary>
    private static readonly string[] s_kernelUsings =
        ["System", "System.Collections.Generic", "System.Linq", "System.Text", "System.Threading.Tasks", "System.Net.Http"];

    /// <summary>The HTML of each code cell, in order, escaped and wrapped in classified spans.</summary>
    /// <param name="cells">The C# sources of the notebook's code cells, in order.</param>
    /// <param name="baseDirectory">The notebook's folder, against which <c>#r "file.dll"</c> resolves.</param>
    public static IReadOnlyList<string> Highlight(IReadOnlyList<string> cells, string baseDirectory)
    {
        try
        {
            return Classify(cells, baseDirectory);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Colour is a help, not the content: the code is shown plain rather than not at all.
            return [.. cells.Select(c => WebUtility.HtmlEncode(c) ?? string.Empty)];
        }
    }

    private static List<string> Classify(IReadOnlyList<string> cells, string baseDirectory)
    {
        if (cells.Count == 0)
        {
            return [];
        }

        // The notebook's own dlls make its types (CompNode, Tensor) classify as types; NuGet
        // references cannot be resolved here and are left as unknown names.
        var parseOptions = new CSharpParseOptions(LanguageVersion.Latest, DocumentationMode.None, SourceCodeKind.Script);
        var compilationOptions = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, usings: s_kernelUsings)
            .WithMetadataReferenceResolver(ScriptMetadataResolver.Default.WithBaseDirectory(baseDirectory))
            .WithSourceReferenceResolver(new SourceFileResolver([], baseDirectory));
        using var workspace = new AdhocWorkspace();
        Solution solution = workspace.CurrentSolution;
        var documents = new List<DocumentId>();
        ProjectId? previous = null;
        for (int i = 0; i < cells.Count; i++)
        {
            ProjectId project = ProjectId.CreateNewId($"cell{i + 1}");
            solution = solution.AddProject(ProjectInfo.Create(
                project, VersionStamp.Default, $"Submission{i + 1}", $"Submission{i + 1}", LanguageNames.CSharp,
                compilationOptions: compilationOptions, parseOptions: parseOptions,
                metadataReferences: s_framework.Value,
                projectReferences: previous is null ? [] : [new ProjectReference(previous)],
                isSubmission: true));
            DocumentId document = DocumentId.CreateNewId(project);
            solution = solution.AddDocument(document, $"cell{i + 1}.csx", SourceText.From(WithoutMagicCommands(cells[i])));
            documents.Add(document);
            previous = project;
        }

        var html = new List<string>(cells.Count);
        for (int i = 0; i < cells.Count; i++)
        {
            Document document = solution.GetDocument(documents[i])!;
            IEnumerable<ClassifiedSpan> spans;
            try
            {
                spans = Classifier.GetClassifiedSpansAsync(document, new TextSpan(0, cells[i].Length)).GetAwaiter().GetResult();
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // Colour is a help, not the content: the code is shown plain rather than not at all.
                spans = [];
            }

            html.Add(ToHtml(cells[i], spans));
        }

        return html;
    }

    /// <summary>
    /// Lines starting with <c>#!</c> (a kernel's magic commands) become blanks of the same length,
    /// so the compiler does not misread them and the offsets of everything else stay the same.
    /// </summary>
    private static string WithoutMagicCommands(string source)
    {
        var text = new StringBuilder(source);
        int lineStart = 0;
        while (lineStart < source.Length)
        {
            int lineEnd = source.IndexOf('\n', lineStart);
            lineEnd = lineEnd < 0 ? source.Length : lineEnd;
            int first = lineStart;
            while (first < lineEnd && source[first] is ' ' or '\t')
            {
                first++;
            }

            if (first + 1 < lineEnd && source[first] == '#' && source[first + 1] == '!')
            {
                for (int i = first; i < lineEnd; i++)
                {
                    text[i] = source[i] == '\r' ? '\r' : ' ';
                }
            }

            lineStart = lineEnd + 1;
        }

        return text.ToString();
    }

    private static string ToHtml(string source, IEnumerable<ClassifiedSpan> spans)
    {
        // One CSS class per character, from the spans; additive classifications (static symbol)
        // never replace the main one.
        string?[] classes = new string?[source.Length];
        foreach (ClassifiedSpan span in spans)
        {
            if (ClassificationTypeNames.AdditiveTypeNames.Contains(span.ClassificationType))
            {
                continue;
            }

            string? css = CssClass(span.ClassificationType);
            for (int i = span.TextSpan.Start; i < Math.Min(span.TextSpan.End, source.Length); i++)
            {
                classes[i] = css;
            }
        }

        MarkMagicCommands(source, classes);
        var html = new StringBuilder(source.Length * 2);
        int start = 0;
        while (start < source.Length)
        {
            int end = start + 1;
            while (end < source.Length && classes[end] == classes[start] && source[end] != '\n')
            {
                end++;
            }

            string text = WebUtility.HtmlEncode(source[start..end]);
            if (classes[start] is { } css && !string.IsNullOrWhiteSpace(source[start..end]))
            {
                html.Append("<span class=\"").Append(css).Append("\">").Append(text).Append("</span>");
            }
            else
            {
                html.Append(text);
            }

            start = end;
        }

        return html.ToString();
    }

    private static void MarkMagicCommands(string source, string?[] classes)
    {
        int lineStart = 0;
        while (lineStart < source.Length)
        {
            int lineEnd = source.IndexOf('\n', lineStart);
            lineEnd = lineEnd < 0 ? source.Length : lineEnd;
            string line = source[lineStart..lineEnd].TrimStart();
            if (line.StartsWith("#!", StringComparison.Ordinal))
            {
                for (int i = lineStart; i < lineEnd; i++)
                {
                    classes[i] = "pre";
                }
            }

            lineStart = lineEnd + 1;
        }
    }

    /// <summary>The page's CSS class for a Roslyn classification; null for plain text.</summary>
    private static string? CssClass(string classification) => classification switch
    {
        ClassificationTypeNames.Keyword => "kw",
        ClassificationTypeNames.ControlKeyword => "ctl",
        ClassificationTypeNames.StringLiteral or ClassificationTypeNames.VerbatimStringLiteral or ClassificationTypeNames.StringEscapeCharacter => "str",
        ClassificationTypeNames.Comment => "com",
        ClassificationTypeNames.NumericLiteral => "num",
        ClassificationTypeNames.ClassName or ClassificationTypeNames.RecordClassName or ClassificationTypeNames.StructName
            or ClassificationTypeNames.RecordStructName or ClassificationTypeNames.InterfaceName or ClassificationTypeNames.EnumName
            or ClassificationTypeNames.DelegateName or ClassificationTypeNames.TypeParameterName or ClassificationTypeNames.ModuleName => "type",
        ClassificationTypeNames.MethodName or ClassificationTypeNames.ExtensionMethodName => "meth",
        ClassificationTypeNames.LocalName or ClassificationTypeNames.ParameterName or ClassificationTypeNames.FieldName
            or ClassificationTypeNames.PropertyName or ClassificationTypeNames.EventName or ClassificationTypeNames.ConstantName
            or ClassificationTypeNames.EnumMemberName => "var",
        ClassificationTypeNames.NamespaceName => "ns",
        ClassificationTypeNames.PreprocessorKeyword or ClassificationTypeNames.PreprocessorText => "pre",
        _ when classification.StartsWith("xml doc comment", StringComparison.Ordinal) => "com",
        _ => null,
    };

    private static ImmutableArray<MetadataReference> FrameworkReferences()
    {
        string trusted = AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? string.Empty;
        string runtime = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        return [.. trusted.Split(Path.PathSeparator)
            .Where(p => p.Length > 0 && string.Equals(Path.GetDirectoryName(p), runtime, StringComparison.Ordinal))
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))];
    }
}
