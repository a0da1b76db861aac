using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Lectures.Runner.Exporting;

/// <summary>
/// The edits that keep each name's meaning when the cells stop being separate script submissions
/// and become one program, made on the bound script so that every use is edited with its declaration:
/// <list type="bullet">
/// <item>a name declared again in a later cell (a script hides the older one; one scope of top-level
/// statements cannot have both) is numbered from its second declaration on: <c>x_p</c>, <c>x_p_2</c>;</item>
/// <item>a local of a nested block named like a top-level variable (legal in a script, where the top-level
/// one is a field) gets a number too;</item>
/// <item>a <c>using</c> alias named like a type the notebook declares is written out where it is used;</item>
/// <item>an extension method named without a receiver (a delegate to it) is named with its class, where the app declares it;</item>
/// <item>a cell's last expression, which the kernel shows, is printed.</item>
/// </list>
/// </summary>
internal static class ScriptRewrite
{
    private enum Scope
    {
        Types,
        Extensions,
        Statements,
        NestedLocal,
    }

    private sealed record Declaration(int CellIndex, SyntaxToken Token, ISymbol Symbol, Scope Scope);

    /// <summary>The cells' code after the edits, in the order of <see cref="ScriptCompilation.Trees"/>.</summary>
    public static IReadOnlyList<string> Apply(IReadOnlyList<int> cellNumbers, ScriptCompilation script, List<string> notes)
    {
        List<Declaration> declarations = [.. script.Trees.SelectMany((tree, i) => Declarations(i, tree, script.Models[i]))];
        Dictionary<(SyntaxTree, int), string> renames = Renames(declarations, script, cellNumbers, notes);
        HashSet<string> notebookTypes = [.. declarations.Where(d => d.Scope == Scope.Types).Select(d => d.Symbol.Name)];
        HashSet<(SyntaxTree, int)> extensionMethods = [.. declarations.Where(d => d.Scope == Scope.Extensions).Select(d => Key(d.Symbol)!.Value)];

        var edited = new List<string>();
        for (int i = 0; i < script.Trees.Count; i++)
        {
            var edits = new List<(int Start, int Length, string Text)>();
            SyntaxTree tree = script.Trees[i];
            SemanticModel model = script.Models[i];
            CompilationUnitSyntax root = tree.GetCompilationUnitRoot();

            foreach (Declaration declaration in declarations.Where(d => d.CellIndex == i))
            {
                if (renames.TryGetValue(Key(declaration.Symbol)!.Value, out string? name))
                {
                    edits.Add((declaration.Token.SpanStart, declaration.Token.Span.Length, name));
                    if (declaration.Token.Parent is TypeDeclarationSyntax type)
                    {
                        edits.AddRange(type.Members.OfType<ConstructorDeclarationSyntax>().Select(c => (c.Identifier.SpanStart, c.Identifier.Span.Length, name)));
                    }
                }
            }

            Dictionary<string, string> inlined = InlinedAliases(root, notebookTypes, cellNumbers[i], notes, edits);
            foreach (SimpleNameSyntax use in root.DescendantNodes().OfType<SimpleNameSyntax>())
            {
                if (inlined.Count > 0 && model.GetAliasInfo(use) is IAliasSymbol alias && inlined.TryGetValue(alias.Name, out string? target))
                {
                    edits.Add((use.SpanStart, use.Span.Length, target));
                }
                else if (Key(Bound(model, use)) is { } key)
                {
                    string? name = renames.GetValueOrDefault(key);
                    if (extensionMethods.Contains(key) && !(use.Parent is MemberAccessExpressionSyntax access && access.Name == use))
                    {
                        // By its simple name (a delegate to it, a call without a receiver) it is a member of its class now.
                        name = $"{NotebookExporter.ExtensionsClass}.{name ?? use.Identifier.ValueText}";
                    }

                    if (name is not null)
                    {
                        edits.Add((use.Identifier.SpanStart, use.Identifier.Span.Length, name));
                    }
                }
            }

            if (root.Members.LastOrDefault() is GlobalStatementSyntax { Statement: ExpressionStatementSyntax { SemicolonToken.IsMissing: true } last })
            {
                ExpressionSyntax value = last.Expression;
                if (model.GetTypeInfo(value).Type is { SpecialType: SpecialType.System_Void })
                {
                    edits.Add((value.Span.End, 0, ";"));
                }
                else
                {
                    edits.Add((value.SpanStart, 0, $"{NotebookOutput.ClassName}.Show("));
                    edits.Add((value.Span.End, 0, $", cell: {cellNumbers[i]});"));
                }
            }

            edited.Add(ApplyEdits(tree.GetText().ToString(), edits, cellNumbers[i]));
        }

        return edited;
    }

    private static IEnumerable<Declaration> Declarations(int cellIndex, SyntaxTree tree, SemanticModel model)
    {
        foreach (SyntaxNode node in tree.GetRoot().DescendantNodes())
        {
            (SyntaxToken token, ISymbol? symbol) = node switch
            {
                VariableDeclaratorSyntax v => (v.Identifier, model.GetDeclaredSymbol(v)),
                SingleVariableDesignationSyntax d => (d.Identifier, model.GetDeclaredSymbol(d)),
                ForEachStatementSyntax f => (f.Identifier, model.GetDeclaredSymbol(f)),
                MethodDeclarationSyntax m when m.Parent is CompilationUnitSyntax => (m.Identifier, model.GetDeclaredSymbol(m)),
                BaseTypeDeclarationSyntax t when t.Parent is CompilationUnitSyntax => (t.Identifier, model.GetDeclaredSymbol(t)),
                DelegateDeclarationSyntax t when t.Parent is CompilationUnitSyntax => (t.Identifier, model.GetDeclaredSymbol(t)),
                _ => (default, null),
            };
            Scope? scope = symbol switch
            {
                IFieldSymbol { ContainingType.IsScriptClass: true } => Scope.Statements,
                IMethodSymbol { ContainingType.IsScriptClass: true, IsExtensionMethod: true } => Scope.Extensions,
                IMethodSymbol { ContainingType.IsScriptClass: true } => Scope.Statements,
                INamedTypeSymbol { ContainingType.IsScriptClass: true } => Scope.Types,
                ILocalSymbol when InTopLevelBlock(node) => Scope.NestedLocal,
                _ => null,
            };
            if (scope is Scope s && symbol is not null)
            {
                yield return new Declaration(cellIndex, token, symbol, s);
            }
        }
    }

    /// <summary>True for a local of a block among the top-level statements, outside any lambda or local function.</summary>
    private static bool InTopLevelBlock(SyntaxNode node) =>
        node.Ancestors().TakeWhile(a => a is not GlobalStatementSyntax).All(a => a is not AnonymousFunctionExpressionSyntax and not LocalFunctionStatementSyntax)
        && node.Ancestors().Any(a => a is GlobalStatementSyntax);

    private static Dictionary<(SyntaxTree, int), string> Renames(List<Declaration> declarations, ScriptCompilation script, IReadOnlyList<int> cellNumbers, List<string> notes)
    {
        HashSet<string> taken = [.. script.Trees.SelectMany(t => t.GetRoot().DescendantTokens()).Where(t => t.IsKind(SyntaxKind.IdentifierToken)).Select(t => t.ValueText)];
        var renames = new Dictionary<(SyntaxTree, int), string>();
        string Fresh(string name)
        {
            for (int n = 2; ; n++)
            {
                if (taken.Add($"{name}_{n}"))
                {
                    return $"{name}_{n}";
                }
            }
        }

        // Types share the global namespace and extension methods their class; variables, local
        // functions and the nested blocks' locals share the top-level statements' scope.
        foreach (var group in declarations.GroupBy(d => (Shared: d.Scope is Scope.NestedLocal ? Scope.Statements : d.Scope, d.Symbol.Name)))
        {
            List<Declaration> inOrder = [.. group.DistinctBy(d => Key(d.Symbol))];
            bool hasTopLevel = inOrder.Any(d => d.Scope != Scope.NestedLocal);
            Declaration? kept = inOrder.FirstOrDefault(d => d.Scope != Scope.NestedLocal);
            foreach (Declaration declaration in inOrder)
            {
                if (!hasTopLevel || declaration == kept)
                {
                    continue;
                }

                string name = Fresh(declaration.Symbol.Name);
                renames[Key(declaration.Symbol)!.Value] = name;
                int cell = cellNumbers[declaration.CellIndex];
                notes.Add(declaration.Scope == Scope.NestedLocal
                    ? $"cell {cell}: the local {declaration.Symbol.Name} is named like a top-level variable, which one scope of top-level statements cannot have; it is {name}"
                    : $"cell {cell}: {declaration.Symbol.Name} is declared again (first in cell {cellNumbers[kept!.CellIndex]}); a program has one scope for them, so from here on it is {name}");
            }
        }

        return renames;
    }

    /// <summary>
    /// The aliases named like a type the notebook declares (in a program the two would clash), each
    /// with the type it stands for; their directives are removed and their uses written out.
    /// </summary>
    private static Dictionary<string, string> InlinedAliases(CompilationUnitSyntax root, HashSet<string> notebookTypes, int cell, List<string> notes, List<(int, int, string)> edits)
    {
        var inlined = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (UsingDirectiveSyntax directive in root.Usings.Where(u => u.Alias is not null && notebookTypes.Contains(u.Alias.Name.Identifier.ValueText)))
        {
            string name = directive.Alias!.Name.Identifier.ValueText;
            inlined[name] = directive.NamespaceOrType.ToString();
            edits.Add((directive.SpanStart, directive.Span.Length, string.Empty));
            notes.Add($"cell {cell}: {directive} would clash with the notebook's own {name} in a program, so the cell writes {inlined[name]} instead");
        }

        return inlined;
    }

    private static ISymbol? Bound(SemanticModel model, SimpleNameSyntax name)
    {
        SymbolInfo info = model.GetSymbolInfo(name);
        ISymbol? symbol = info.Symbol ?? info.CandidateSymbols.FirstOrDefault();
        return symbol switch
        {
            IMethodSymbol { ReducedFrom: IMethodSymbol original } => original.OriginalDefinition,
            IMethodSymbol { MethodKind: MethodKind.Constructor } constructor => constructor.ContainingType.OriginalDefinition,
            null => null,
            _ => symbol.OriginalDefinition,
        };
    }

    /// <summary>A declaration's place in the source, the same from every cell that binds to it.</summary>
    private static (SyntaxTree, int)? Key(ISymbol? symbol) =>
        symbol?.DeclaringSyntaxReferences.FirstOrDefault() is SyntaxReference reference ? (reference.SyntaxTree, reference.Span.Start) : null;

    private static string ApplyEdits(string text, List<(int Start, int Length, string Text)> edits, int cell)
    {
        var result = new System.Text.StringBuilder(text.Length + 64);
        int at = 0;
        foreach ((int start, int length, string replacement) in edits.Distinct().OrderBy(e => e.Start).ThenBy(e => e.Length))
        {
            if (start < at)
            {
                throw new InvalidOperationException($"cell {cell}: two edits overlap at {start}");
            }

            result.Append(text, at, start - at).Append(replacement);
            at = start + length;
        }

        return result.Append(text, at, text.Length - at).ToString();
    }
}
