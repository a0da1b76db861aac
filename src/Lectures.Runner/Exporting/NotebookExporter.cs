using System.Text;
using Lectures.Runner.Notebooks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Lectures.Runner.Exporting;

/// <summary>
/// Writes a notebook as a file-based app (<c>dotnet run NAME.cs</c> on the .NET 10 SDK). The cells
/// are script submissions and the app is a program, so each cell's parts go where a program has
/// them: <c>using</c> directives at the top, statements, variables and methods (as local functions)
/// in the top-level statements in cell order, the notebook's types after them, and its extension
/// methods (which a script declares at the top) in a static class. Markdown becomes comments, so
/// the file reads as the notebook does.
/// </summary>
internal static class NotebookExporter
{
    /// <summary>The words of the app's first comment that mark it as written by the exporter (which replaces only such files).</summary>
    public const string HeaderMarker = "as a file-based app. Run it with the .NET 10 SDK:";

    /// <summary>The class that holds the notebook's extension methods in the app.</summary>
    public const string ExtensionsClass = "NotebookExtensions";

    /// <summary>The build properties every app sets, so that it builds the same wherever its folder is.</summary>
    public static readonly string[] AppProperties =
    [
        "ManagePackageVersionsCentrally=false",
        "InvariantGlobalization=false",
        "TreatWarningsAsErrors=false",
        "GenerateDocumentationFile=false",
        "EnforceCodeStyleInBuild=false",
    ];

    /// <summary>The app for <paramref name="notebook"/>.</summary>
    /// <exception cref="ExportException">A cell cannot be written as part of a program (named in the message).</exception>
    public static ExportedApp Export(NotebookDocument notebook, ExportSettings settings)
    {
        if (notebook.CodeCells.FirstOrDefault(c => c.KernelName != "csharp") is NotebookCell other)
        {
            throw new ExportException($"cell {other.Number} is for the {other.KernelName} kernel; a C# app can only hold C# cells");
        }

        var notes = new List<string>();
        var references = new AppReferences();
        List<NotebookCell> code = [.. notebook.CodeCells.Where(c => !string.IsNullOrWhiteSpace(c.Source))];
        List<(int Cell, string Code)> stripped = [.. code.Select(c => (c.Number, ReferenceLines.Strip(c, settings, references, notes)))];
        ScriptCompilation script = ScriptCompilation.Create(stripped, references.AssemblyPaths.Concat(PackageAssemblies.Find(references.Packages)));
        IReadOnlyList<string> edited = ScriptRewrite.Apply([.. code.Select(c => c.Number)], script, notes);

        var usings = new List<string>();
        var statements = new StringBuilder();
        var types = new StringBuilder();
        var extensions = new StringBuilder();
        var editedByCell = code.Select((c, i) => (c.Number, Code: edited[i])).ToDictionary(p => p.Number, p => p.Code);
        foreach (NotebookCell cell in notebook.Cells)
        {
            if (!cell.IsCode)
            {
                statements.Append(Comment(cell.Source)).Append('\n');
            }
            else if (editedByCell.TryGetValue(cell.Number, out string? source))
            {
                Place(cell.Number, source, usings, statements, types, extensions);
            }
        }

        bool displays = edited.Any(c => c.Contains("display(", StringComparison.Ordinal));
        bool showsValues = displays || edited.Any(c => c.Contains($"{NotebookOutput.ClassName}.Show(", StringComparison.Ordinal));
        return new ExportedApp(Assemble(settings, references, usings, statements, types, extensions, showsValues, displays), notes);
    }

    private static void Place(int cell, string source, List<string> usings, StringBuilder statements, StringBuilder types, StringBuilder extensions)
    {
        CompilationUnitSyntax root = CSharpSyntaxTree.ParseText(source, ScriptCompilation.ScriptParseOptions).GetCompilationUnitRoot();
        foreach (UsingDirectiveSyntax directive in root.Usings)
        {
            string text = directive.ToFullString().Trim();
            if (!usings.Contains(text, StringComparer.Ordinal))
            {
                usings.Add(text);
            }
        }

        var body = new StringBuilder();
        foreach (MemberDeclarationSyntax member in root.Members)
        {
            switch (member)
            {
                case GlobalStatementSyntax:
                    body.Append(member.ToFullString());
                    break;
                case FieldDeclarationSyntax field:
                    // A script's top-level variable is a field; in a program it is a local (const stays
                    // const), which starts as the field's default value so that it is assigned where the script's is.
                    body.Append(AsLocal(field).ToFullString());
                    break;
                case MethodDeclarationSyntax method when method.ParameterList.Parameters.FirstOrDefault()?.Modifiers.Any(SyntaxKind.ThisKeyword) == true:
                    AppendBlock(extensions, $"    // cell {cell}", Indent(AsInternal(method).ToFullString()));
                    break;
                case MethodDeclarationSyntax method:
                    // A local function has no accessibility; static, async and unsafe keep their meaning.
                    body.Append(WithModifiers(method, method.Modifiers.Where(m => !SyntaxFacts.IsAccessibilityModifier(m.Kind()))).ToFullString());
                    break;
                case BaseTypeDeclarationSyntax or DelegateDeclarationSyntax:
                    AppendBlock(types, $"// cell {cell}", member.ToFullString());
                    break;
                default:
                    int line = member.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
                    throw new ExportException($"cell {cell} line {line}: a {member.Kind()} at the top of a cell belongs to the script and has no place among a program's statements; declare it inside a class");
            }
        }

        AppendBlock(statements, $"// cell {cell}", body.ToString());
    }

    private static string Assemble(ExportSettings settings, AppReferences references, List<string> usings, StringBuilder statements, StringBuilder types, StringBuilder extensions, bool showsValues, bool displays)
    {
        var app = new StringBuilder();
        foreach (string project in references.Projects)
        {
            // Relative to the app, so the folder keeps working when the repository is cloned or moved as a whole.
            app.Append("#:project ").Append(Path.GetRelativePath(settings.OutputDirectory, project).Replace('\\', '/')).Append('\n');
        }

        foreach ((string id, string version) in references.Packages)
        {
            app.Append("#:package ").Append(id).Append('@').Append(version).Append('\n');
        }

        // The app builds the same inside the repository as outside it: packages carry their versions
        // here, not in the repository's central list; the machine's culture is kept, as the kernel
        // keeps it; the repository's rules for its own code (warnings as errors, documentation
        // comments, style) do not apply to a notebook's code, as the kernel does not apply them.
        foreach (string property in AppProperties)
        {
            app.Append("#:property ").Append(property).Append('\n');
        }
        app.Append('\n');
        app.Append($"// {settings.AppName}.cs: the notebook {settings.AppName}.ipynb {HeaderMarker}\n");
        app.Append($"//     dotnet run {settings.AppName}.cs\n");
        app.Append("// It prints what the notebook's cells print; a cell's last value is printed as the kernel showed it, and charts are written as offline pages whose paths are printed.\n\n");

        foreach (string directive in ScriptCompilation.KernelUsings.Select(u => $"using {u};").Concat(usings).Distinct(StringComparer.Ordinal))
        {
            app.Append(directive).Append('\n');
        }

        if (displays)
        {
            // The kernel's display(...), by its simple name.
            app.Append($"using static {NotebookOutput.ClassName};\n");
        }

        app.Append('\n').Append(statements.ToString().TrimEnd()).Append('\n');
        if (types.Length > 0 || extensions.Length > 0 || showsValues)
        {
            app.Append("\n// The notebook's types: a program declares them after its top-level statements.\n\n");
            app.Append(types);
            if (extensions.Length > 0)
            {
                app.Append($"/// <summary>The notebook's extension methods, which a script declares among its statements and a program in a static class.</summary>\n");
                app.Append($"static class {ExtensionsClass}\n{{\n").Append(extensions.ToString().TrimEnd()).Append("\n}\n\n");
            }

            if (showsValues)
            {
                app.Append(NotebookOutput.Source(settings.AppName, references.HasCharts));
            }
        }

        return app.ToString().TrimEnd() + "\n";
    }

    private static FieldDeclarationSyntax AsLocal(FieldDeclarationSyntax field)
    {
        FieldDeclarationSyntax local = WithModifiers(field, field.Modifiers.Where(m => m.IsKind(SyntaxKind.ConstKeyword)));
        return local.ReplaceNodes(
            local.Declaration.Variables.Where(v => v.Initializer is null),
            (v, _) => v.WithIdentifier(v.Identifier.WithTrailingTrivia()).WithInitializer(SyntaxFactory.EqualsValueClause(
                SyntaxFactory.Token(SyntaxKind.EqualsToken).WithLeadingTrivia(SyntaxFactory.Space).WithTrailingTrivia(SyntaxFactory.Space),
                SyntaxFactory.PostfixUnaryExpression(SyntaxKind.SuppressNullableWarningExpression, SyntaxFactory.LiteralExpression(SyntaxKind.DefaultLiteralExpression)))
                .WithTrailingTrivia(v.Identifier.TrailingTrivia)));
    }

    private static T WithModifiers<T>(T member, IEnumerable<SyntaxToken> kept)
        where T : MemberDeclarationSyntax
    {
        SyntaxTriviaList leading = member.GetLeadingTrivia();
        return (T)member.WithoutLeadingTrivia().WithModifiers(SyntaxFactory.TokenList(kept)).WithLeadingTrivia(leading);
    }

    private static MethodDeclarationSyntax AsInternal(MethodDeclarationSyntax method)
    {
        if (method.Modifiers.Any(m => SyntaxFacts.IsAccessibilityModifier(m.Kind())))
        {
            return method;
        }

        SyntaxTriviaList leading = method.GetLeadingTrivia();
        SyntaxToken internalKeyword = SyntaxFactory.Token(SyntaxKind.InternalKeyword).WithTrailingTrivia(SyntaxFactory.Space);
        return method.WithoutLeadingTrivia().WithModifiers(method.WithoutLeadingTrivia().Modifiers.Insert(0, internalKeyword)).WithLeadingTrivia(leading);
    }

    /// <summary>Appends a cell's part after its label, without the blank lines the removed directives left.</summary>
    private static void AppendBlock(StringBuilder to, string label, string text)
    {
        string trimmed = string.Join('\n', text.Split('\n').SkipWhile(string.IsNullOrWhiteSpace)).TrimEnd();
        if (trimmed.Length > 0)
        {
            to.Append(label).Append('\n').Append(trimmed).Append("\n\n");
        }
    }

    /// <summary>Indents a member for its class, except lines inside a multi-line string, whose text would change.</summary>
    private static string Indent(string text)
    {
        SyntaxNode parsed = CSharpSyntaxTree.ParseText(text, ScriptCompilation.ScriptParseOptions).GetRoot();
        List<Microsoft.CodeAnalysis.Text.TextSpan> strings = [.. parsed.DescendantTokens()
            .Where(t => t.IsKind(SyntaxKind.StringLiteralToken) || t.IsKind(SyntaxKind.MultiLineRawStringLiteralToken) || t.IsKind(SyntaxKind.InterpolatedStringEndToken))
            .Select(t => t.Parent is InterpolatedStringExpressionSyntax s ? s.Span : t.Span)];
        var result = new StringBuilder();
        int at = 0;
        foreach (string line in text.Split('\n'))
        {
            bool insideString = strings.Any(s => s.Start < at && at < s.End);
            result.Append(insideString || line.Length == 0 ? line : "    " + line).Append('\n');
            at += line.Length + 1;
        }

        return result.ToString(0, result.Length - 1);
    }

    private static string Comment(string markdown) =>
        string.Join('\n', markdown.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd().Split('\n').Select(l => l.TrimEnd().Length == 0 ? "//" : "// " + l.TrimEnd())) + "\n";
}
