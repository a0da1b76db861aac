using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.Loader;

namespace Autograd.Exercises;

/// <summary>
/// Finds a cycle in the call graph of a method and the methods it calls that were written in the
/// same place (the same assembly, or any notebook cell: those assemblies live in memory, with no
/// file, in the load context of the cells), by reading their IL. Library and framework methods are
/// not followed: they have a file, or, in a browser, where no assembly has one, they are in the
/// runtime's own load context rather than the cells'.
/// </summary>
internal static class RecursionFinder
{
    private static readonly Dictionary<short, OpCode> s_opCodes = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    /// <summary>The methods of a cycle reachable from <paramref name="entry"/>, first one repeated last; null when there is none.</summary>
    public static IReadOnlyList<MethodBase>? FindCycle(MethodBase entry)
    {
        var state = new Dictionary<MethodBase, bool>(); // false: on the current path; true: done
        var path = new List<MethodBase>();
        return Visit(entry, entry.Module.Assembly, state, path);
    }

    /// <summary>A method's name as its author wrote it: <c>Visit</c> for the compiler's <c>&lt;TopoSort&gt;g__Visit|0_0</c>.</summary>
    public static string Name(MethodBase method)
    {
        string name = method.Name;
        int local = name.IndexOf(">g__", StringComparison.Ordinal);
        if (local >= 0)
        {
            int end = name.IndexOf('|', local);
            return end > local ? name[(local + 4)..end] : name[(local + 4)..];
        }

        return name.StartsWith('<') && name.IndexOf('>') is > 1 and var close ? name[1..close] : name;
    }

    private static List<MethodBase>? Visit(MethodBase method, Assembly home, Dictionary<MethodBase, bool> state, List<MethodBase> path)
    {
        if (state.TryGetValue(method, out bool done))
        {
            if (done)
            {
                return null;
            }

            int start = path.IndexOf(method);
            return [.. path.Skip(start), method];
        }

        state[method] = false;
        path.Add(method);
        foreach (MethodBase callee in Callees(method))
        {
            if (IsFollowed(callee, home) && Visit(callee, home, state, path) is { } cycle)
            {
                return cycle;
            }
        }

        path.RemoveAt(path.Count - 1);
        state[method] = true;
        return null;
    }

    private static bool IsFollowed(MethodBase method, Assembly home)
    {
        Assembly assembly = method.Module.Assembly;
        return assembly == home || assembly.IsDynamic
            || (string.IsNullOrEmpty(assembly.Location) && AssemblyLoadContext.GetLoadContext(assembly) == AssemblyLoadContext.GetLoadContext(home));
    }

    private static IEnumerable<MethodBase> Callees(MethodBase method)
    {
        byte[]? il;
        try
        {
            il = method.GetMethodBody()?.GetILAsByteArray();
        }
        catch (Exception e) when (e is InvalidOperationException or NotSupportedException or BadImageFormatException)
        {
            yield break;
        }

        if (il is null)
        {
            yield break;
        }

        Type[]? typeArguments = method.DeclaringType is { IsGenericType: true } t ? t.GetGenericArguments() : null;
        Type[]? methodArguments = method is MethodInfo { IsGenericMethod: true } m ? m.GetGenericArguments() : null;
        int i = 0;
        while (i < il.Length)
        {
            short value = il[i] == 0xFE && i + 1 < il.Length ? (short)(0xFE00 | il[i + 1]) : il[i];
            if (!s_opCodes.TryGetValue(value, out OpCode op))
            {
                yield break; // not IL we understand: stop rather than misread
            }

            i += op.Size;
            int operandSize = op.OperandType switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, i)),
                _ => 4,
            };
            if (op.OperandType == OperandType.InlineMethod)
            {
                MethodBase? callee = null;
                try
                {
                    callee = method.Module.ResolveMethod(BitConverter.ToInt32(il, i), typeArguments, methodArguments);
                }
                catch (Exception e) when (e is ArgumentException or BadImageFormatException or TypeLoadException or MissingMethodException)
                {
                }

                if (callee is not null)
                {
                    yield return callee;
                }
            }

            i += operandSize;
        }
    }
}
