namespace Autograd.Tests;

/// <summary>
/// The lecture's <c>comp_node</c> as a student writes it in a notebook cell: public fields, a
/// list of children, an op string and the backward step as a closure. The charts read it through
/// <see cref="Autograd.Charts.NodeAdapter.ByConvention{TNode}"/>. Its <c>Equals</c> compares
/// values, as the lecture's <c>__eq__</c> does, so drawing it must not rely on equality.
/// </summary>
public sealed class LectureNode
{
    public double Val;
    public double Grad;
    public List<LectureNode> Children = [];
    public string Op = "assign";
    public string? Label;
    public Action BackwardProp = () => { };

    public LectureNode(double val, string? label = null)
    {
        Val = val;
        Label = label;
    }

    public static LectureNode operator -(LectureNode a, double b) => a - new LectureNode(b);

    public static LectureNode operator -(LectureNode a, LectureNode b)
    {
        var output = new LectureNode(a.Val - b.Val) { Children = [a, b], Op = "sub" };
        output.BackwardProp = () =>
        {
            a.Grad += output.Grad * 1;
            b.Grad += output.Grad * -1;
        };
        return output;
    }

    public static LectureNode operator +(LectureNode a, LectureNode b)
    {
        var output = new LectureNode(a.Val + b.Val) { Children = [a, b], Op = "add" };
        output.BackwardProp = () =>
        {
            a.Grad += output.Grad * 1;
            b.Grad += output.Grad * 1;
        };
        return output;
    }

    public LectureNode Pow(double exponent)
    {
        var output = new LectureNode(Math.Pow(Val, exponent)) { Children = [this], Op = $"power {exponent.ToString(System.Globalization.CultureInfo.InvariantCulture)}" };
        output.BackwardProp = () => Grad += output.Grad * (exponent * Math.Pow(Val, exponent - 1));
        return output;
    }

    public override bool Equals(object? obj) => obj is LectureNode other && other.Val == Val;

    public override int GetHashCode() => Val.GetHashCode();

    /// <summary>The lecture's one-point graph, named as the lecture names its nodes.</summary>
    public static LectureNode OnePointGraph()
    {
        LectureNode xp = new(0.3, "x_p"), yp = new(0.3, "y_p");
        LectureNode ix = xp - 0.6308651620035047, iy = yp - 0.04186170538118772;
        ix.Label = "I_x";
        iy.Label = "I_y";
        LectureNode gx = ix.Pow(2), gy = iy.Pow(2);
        gx.Label = "g_x";
        gy.Label = "g_y";
        LectureNode m = gx + gy;
        m.Label = "M";
        LectureNode l = m.Pow(0.5);
        l.Label = "l";
        return l;
    }
}
