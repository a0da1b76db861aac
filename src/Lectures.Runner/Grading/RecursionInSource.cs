using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Lectures.Runner.Grading;

/// <summary>
/// Decides, from a submission's source and outside its process, whether a method the notebook
/// declares can call itself again: a check that must not trust the student's process for
/// "is this walk recursive" reads the code here instead of the process's IL.
/// </summary>
/// <remarks>
/// It parses every code cell as C# script and follows calls by name among the methods and local
/// functions the notebook declares (all overloads of a name are one node), so it finds direct,
/// mutual and local-function recursion, and recursion through another declared method such as the
/// lecture's recursive <c>TopoSort</c>. A call through a delegate held in a variable is not seen.
/// </remarks>
internal static class RecursionInSource
{
    private static readonly CSharpParseOptions s_script = new(LanguageVersion.Latest, kind: SourceCodeKind.Script);

    /// <summary>The cycle reachable from <paramref name="method"/>, first name repeated last; null when none, or when no method of that name is declared.</summary>
    public static IReadOnlyList<string>? FindCycle(IEnumerable<string> cells, string method)
    {
        var calls = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var bodies = new List<(string Name, SyntaxNode Body)>();
        foreach (string cell in cells)
        {
            SyntaxNode root = CSharpSyntaxTree.ParseText(cell, s_script).GetRoot();
            foreach (SyntaxNode node in root.DescendantNodes())
            {
                switch (node)
                {
                    case MethodDeclarationSyntax m:
                        bodies.Add((m.Identifier.ValueText, m));
                        break;
                    case LocalFunctionStatementSyntax f:
                        bodies.Add((f.Identifier.ValueText, f));
                        break;
                }
            }
        }

        HashSet<string> declared = [.. bodies.Select(b => b.Name)];
        foreach ((string name, SyntaxNode body) in bodies)
        {
            HashSet<string> callees = calls.TryGetValue(name, out HashSet<string>? known) ? known : calls[name] = [];
            foreach (SyntaxNode node in body.DescendantNodes())
            {
                string? callee = node switch
                {
                    InvocationExpressionSyntax { Expression: IdentifierNameSyntax id } => id.Identifier.ValueText,
                    InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name: var n } } => n.Identifier.ValueText,
                    InvocationExpressionSyntax { Expression: GenericNameSyntax g } => g.Identifier.ValueText,
                    _ => null,
                };
                if (callee is not null && declared.Contains(callee))
                {
                    callees.Add(callee);
                }
            }
        }

        if (!declared.Contains(method))
        {
            return null;
        }

        var done = new HashSet<string>(StringComparer.Ordinal);
        var path = new List<string>();
        return Visit(method, calls, done, path);
    }

    private static List<string>? Visit(string name, Dictionary<string, HashSet<string>> calls, HashSet<string> done, List<string> path)
    {
        int onPath = path.IndexOf(name);
        if (onPath >= 0)
        {
            return [.. path.Skip(onPath), name];
        }

        if (!done.Add(name))
        {
            return null;
        }

        path.Add(name);
        foreach (string callee in calls.GetValueOrDefault(name) ?? [])
        {
            if (Visit(callee, calls, done, path) is { } cycle)
            {
                return cycle;
            }
        }

        path.RemoveAt(path.Count - 1);
        return null;
    }
}
