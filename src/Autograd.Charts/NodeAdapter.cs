using System.Reflection;

namespace Autograd.Charts;

/// <summary>The ready-made <see cref="NodeAdapter{TNode}"/>s.</summary>
public static class NodeAdapter
{
    /// <summary>How the charts read <see cref="Autograd.CompNode"/>: the same path as any other node class.</summary>
    public static NodeAdapter<CompNode> CompNode { get; } = new(
        n => n.Children,
        n => n.Val,
        n => n.Grad,
        n => n.Op,
        n => n.Label,
        n => n.BackwardProp())
    {
        SetGrad = (n, g) => n.Grad = g,
    };

    /// <summary>
    /// Reads a node class by the lecture's names in C# casing: <c>Children</c> (any sequence of
    /// nodes), <c>Val</c> and <c>Grad</c> (numbers), <c>Op</c> (text), and optionally <c>Label</c>
    /// (text) and <c>BackwardProp</c> (a method with no parameters, or a field or property holding
    /// an <see cref="Action"/>, as the lecture stores its closure). Each may be a field, a property
    /// or (for <c>BackwardProp</c>) a method; names are matched ignoring case, so <c>val</c>, <c>grad</c> and <c>children</c> work too.
    /// </summary>
    /// <exception cref="ArgumentException">A required member is missing or has a type that cannot be read; the message names it.</exception>
    public static NodeAdapter<TNode> ByConvention<TNode>()
        where TNode : class
    {
        Type type = typeof(TNode);
        Func<TNode, object?> children = Getter<TNode>(type, "Children", "a sequence of nodes, such as List<" + type.Name + ">", required: true)!;
        Func<TNode, object?> val = Getter<TNode>(type, "Val", "a number", required: true)!;
        Func<TNode, object?> grad = Getter<TNode>(type, "Grad", "a number", required: true)!;
        Func<TNode, object?> op = Getter<TNode>(type, "Op", "a string", required: true)!;
        Func<TNode, object?>? label = Getter<TNode>(type, "Label", "a string", required: false);
        Action<TNode>? backward = BackwardStep<TNode>(type);
        Action<TNode, double>? setGrad = Setter<TNode>(type, "Grad");

        return new NodeAdapter<TNode>(
            n => children(n) switch
            {
                null => [],
                IEnumerable<TNode> nodes => nodes,
                System.Collections.IEnumerable items => items.Cast<TNode>(),
                object other => throw new InvalidOperationException($"{type.Name}.Children is a {other.GetType().Name}, not a sequence of {type.Name}."),
            },
            n => Number(val(n), type, "Val"),
            n => Number(grad(n), type, "Grad"),
            n => op(n)?.ToString() ?? string.Empty,
            label is null ? null : n => label(n)?.ToString(),
            backward)
        {
            SetGrad = setGrad,
        };
    }

    private const BindingFlags Instance = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.IgnoreCase;

    private static Func<TNode, object?>? Getter<TNode>(Type type, string name, string expected, bool required)
    {
        if (type.GetProperty(name, Instance) is { CanRead: true } property && property.GetIndexParameters().Length == 0)
        {
            return n => property.GetValue(n);
        }

        if (type.GetField(name, Instance) is { } field)
        {
            return n => field.GetValue(n);
        }

        return required
            ? throw new ArgumentException($"NodeAdapter.ByConvention<{type.Name}>: {type.Name} has no field or property named {name} ({expected}). Add it, or describe the class with new NodeAdapter<{type.Name}>(children, value, grad, op, label, backwardProp).", nameof(TNode))
            : null;
    }

    private static Action<TNode, double>? Setter<TNode>(Type type, string name)
    {
        if (type.GetProperty(name, Instance) is { CanWrite: true } property && property.GetIndexParameters().Length == 0)
        {
            return (n, v) => property.SetValue(n, Convert.ChangeType(v, property.PropertyType, System.Globalization.CultureInfo.InvariantCulture));
        }

        if (type.GetField(name, Instance) is { IsInitOnly: false, IsLiteral: false } field)
        {
            return (n, v) => field.SetValue(n, Convert.ChangeType(v, field.FieldType, System.Globalization.CultureInfo.InvariantCulture));
        }

        return null;
    }

    private static Action<TNode>? BackwardStep<TNode>(Type type)
    {
        if (type.GetMethod("BackwardProp", Instance, Type.EmptyTypes) is { } method)
        {
            return n => method.Invoke(n, null);
        }

        Func<TNode, object?>? getter = Getter<TNode>(type, "BackwardProp", "an Action", required: false);
        if (getter is null)
        {
            return null;
        }

        return n =>
        {
            switch (getter(n))
            {
                case Action action:
                    action();
                    break;
                case Delegate other:
                    other.DynamicInvoke();
                    break;
                case null:
                    break;
                case object other:
                    throw new InvalidOperationException($"{type.Name}.BackwardProp holds a {other.GetType().Name}, not an Action.");
            }
        };
    }

    private static double Number(object? value, Type type, string name) => value switch
    {
        double d => d,
        IConvertible c => c.ToDouble(System.Globalization.CultureInfo.InvariantCulture),
        null => throw new InvalidOperationException($"{type.Name}.{name} is null; a number was expected."),
        _ => throw new InvalidOperationException($"{type.Name}.{name} is a {value.GetType().Name}; a number was expected."),
    };
}
