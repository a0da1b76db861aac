using System.Collections.Immutable;
using System.Net;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Scripting;

namespace Lectures.Runner.Rendering;

/// <summary>
/// Colours a notebook's C# cells when the page is written, from the compiler's own syntax and
/// semantic model, so the page needs no script to highlight and a type, a method and a local read
/// differently, as in the editor. Each cell is a script submission that sees the cells before it,
/// as in the kernel: a variable declared in one cell is still known in the next. <c>#!</c> magic
/// commands, which the compiler does not know, are shown as directives.
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
        // The notebook's own dlls make its types (CompNode, Tensor) classify as types; NuGet
        // references cannot be resolved here and are left as unknown names.
        var parseOptions = new CSharpParseOptions(LanguageVersion.Latest, DocumentationMode.None, SourceCodeKind.Script);
        var compilationOptions = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, usings: s_kernelUsings)
            .WithMetadataReferenceResolver(ScriptMetadataResolver.Default.WithBaseDirectory(baseDirectory))
            .WithSourceReferenceResolver(new SourceFileResolver([], baseDirectory));
        var html = new List<string>(cells.Count);
        CSharpCompilation? previous = null;
        for (int i = 0; i < cells.Count; i++)
        {
            string?[] classes = new string?[cells[i].Length];
            try
            {
                SyntaxTree tree = CSharpSyntaxTree.ParseText(WithoutMagicCommands(cells[i]), parseOptions);
                // Chained after the submission before even when that one has errors (an unresolvable
                // package, a student's typo), which CreateScriptCompilation would refuse.
                CSharpCompilation compilation = CSharpCompilation.CreateScriptCompilation($"Submission{i + 1}", tree, s_framework.Value, compilationOptions);
                compilation = compilation.WithScriptCompilationInfo(compilation.ScriptCompilationInfo!.WithPreviousScriptCompilation(previous));
                Mark(tree.GetRoot(), compilation.GetSemanticModel(tree), classes);
                previous = compilation;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // Colour is a help, not the content: the cell is shown plain rather than not at all.
                Array.Clear(classes);
            }

            html.Add(ToHtml(cells[i], classes));
        }

        return html;
    }

    /// <summary>The page's CSS class of each character, from the tokens, their trivia and what each name binds to.</summary>
    private static void Mark(SyntaxNode root, SemanticModel model, string?[] classes)
    {
        foreach (SyntaxToken token in root.DescendantTokens(descendIntoTrivia: true))
        {
            foreach (SyntaxTrivia trivia in token.LeadingTrivia.Concat(token.TrailingTrivia))
            {
                if (trivia.IsKind(SyntaxKind.SingleLineCommentTrivia) || trivia.IsKind(SyntaxKind.MultiLineCommentTrivia)
                    || trivia.IsKind(SyntaxKind.SingleLineDocumentationCommentTrivia) || trivia.IsKind(SyntaxKind.MultiLineDocumentationCommentTrivia))
                {
                    Set(classes, trivia.Span.Start, trivia.Span.End, "com");
                }
                else if (trivia.IsKind(SyntaxKind.PreprocessingMessageTrivia) || trivia.IsKind(SyntaxKind.DisabledTextTrivia))
                {
                    Set(classes, trivia.Span.Start, trivia.Span.End, trivia.IsKind(SyntaxKind.DisabledTextTrivia) ? null : "pre");
                }
            }

            Set(classes, token.Span.Start, token.Span.End, Class(token, model));
        }
    }

    private static string? Class(SyntaxToken token, SemanticModel model)
    {
        if (token.Parent is DirectiveTriviaSyntax || token.Parent?.Parent is DirectiveTriviaSyntax && token.IsKeyword())
        {
            return token.IsKind(SyntaxKind.StringLiteralToken) ? "str" : "pre";
        }

        if (token.IsKind(SyntaxKind.IdentifierToken))
        {
            return Identifier(token, model);
        }

        if (token.IsKeyword())
        {
            return IsControl(token) ? "ctl" : "kw";
        }

        return token.Kind() switch
        {
            SyntaxKind.NumericLiteralToken => "num",
            SyntaxKind.StringLiteralToken or SyntaxKind.CharacterLiteralToken or SyntaxKind.Utf8StringLiteralToken
                or SyntaxKind.SingleLineRawStringLiteralToken or SyntaxKind.MultiLineRawStringLiteralToken
                or SyntaxKind.Utf8SingleLineRawStringLiteralToken or SyntaxKind.Utf8MultiLineRawStringLiteralToken
                or SyntaxKind.InterpolatedStringStartToken or SyntaxKind.InterpolatedVerbatimStringStartToken
                or SyntaxKind.InterpolatedSingleLineRawStringStartToken or SyntaxKind.InterpolatedMultiLineRawStringStartToken
                or SyntaxKind.InterpolatedStringTextToken or SyntaxKind.InterpolatedStringEndToken
                or SyntaxKind.InterpolatedRawStringEndToken => "str",
            _ => null,
        };
    }

    /// <summary>A name's class from the symbol it declares or binds to; <c>var</c> and its kin, which bind to no type of that name, are keywords.</summary>
    private static string? Identifier(SyntaxToken token, SemanticModel model)
    {
        SyntaxNode? parent = token.Parent;
        if (parent is IdentifierNameSyntax { Identifier.Text: "var" or "nameof" or "dynamic" or "unmanaged" or "notnull" } contextual
            && model.GetSymbolInfo(contextual).Symbol is not INamedTypeSymbol { Name: "var" or "nameof" or "dynamic" or "unmanaged" or "notnull" })
        {
            // Contextual keywords (var binds to the type it infers, nameof to nothing) unless a type of that name is meant: keywords, as in the editor.
            return "kw";
        }

        ISymbol? symbol = parent switch
        {
            // The alias's own name in using X = Y;
            IdentifierNameSyntax { Parent: NameEqualsSyntax { Parent: UsingDirectiveSyntax directive } } => model.GetDeclaredSymbol(directive),
            SimpleNameSyntax name => model.GetSymbolInfo(name).Symbol ?? model.GetSymbolInfo(name).CandidateSymbols.FirstOrDefault(),
            null => null,
            _ => model.GetDeclaredSymbol(parent),
        };
        if (symbol is IAliasSymbol alias)
        {
            symbol = alias.Target;
        }

        if (symbol is IMethodSymbol { MethodKind: MethodKind.Constructor or MethodKind.StaticConstructor or MethodKind.Destructor } constructor)
        {
            symbol = constructor.ContainingType;
        }

        return symbol switch
        {
            INamedTypeSymbol or ITypeParameterSymbol => "type",
            IMethodSymbol => "meth",
            ILocalSymbol or IParameterSymbol or IFieldSymbol or IPropertySymbol or IEventSymbol or IRangeVariableSymbol => "var",
            INamespaceSymbol => "ns",
            _ => null,
        };
    }

    /// <summary>The keywords an editor shows as control flow.</summary>
    private static bool IsControl(SyntaxToken token) => token.Kind() switch
    {
        SyntaxKind.IfKeyword or SyntaxKind.ElseKeyword or SyntaxKind.WhileKeyword or SyntaxKind.DoKeyword or SyntaxKind.ForKeyword
            or SyntaxKind.ForEachKeyword or SyntaxKind.SwitchKeyword or SyntaxKind.CaseKeyword or SyntaxKind.BreakKeyword
            or SyntaxKind.ContinueKeyword or SyntaxKind.ReturnKeyword or SyntaxKind.GotoKeyword or SyntaxKind.ThrowKeyword
            or SyntaxKind.TryKeyword or SyntaxKind.CatchKeyword or SyntaxKind.FinallyKeyword or SyntaxKind.YieldKeyword => true,
        SyntaxKind.DefaultKeyword => token.Parent is DefaultSwitchLabelSyntax,
        SyntaxKind.InKeyword => token.Parent is CommonForEachStatementSyntax,
        _ => false,
    };

    private static void Set(string?[] classes, int start, int end, string? css)
    {
        for (int i = start; i < Math.Min(end, classes.Length); i++)
        {
            classes[i] = css;
        }
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

    private static string ToHtml(string source, string?[] classes)
    {
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

    private static ImmutableArray<MetadataReference> FrameworkReferences()
    {
        string trusted = AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? string.Empty;
        string runtime = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        return [.. trusted.Split(Path.PathSeparator)
            .Where(p => p.Length > 0 && string.Equals(Path.GetDirectoryName(p), runtime, StringComparison.Ordinal))
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))];
    }
}
