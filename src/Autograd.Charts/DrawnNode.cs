namespace Autograd.Charts;

/// <summary>One record of a drawn graph: a node read through a <see cref="NodeAdapter{TNode}"/>, or a summary of many.</summary>
internal sealed class DrawnNode
{
    /// <summary>The node it shows (null for a summary of blocks).</summary>
    public object? Source { get; init; }

    public string? Label { get; init; }

    public required string Op { get; init; }

    public double Val { get; set; }

    public double Grad { get; set; }

    public NodeKind Kind { get; init; }

    /// <summary>Operands, as indices into the graph's node list.</summary>
    public List<int> Children { get; } = [];

    /// <summary>For a summary: the lines that say what it stands for.</summary>
    public IReadOnlyList<string> SummaryLines { get; init; } = [];

    /// <summary>For a summary: how many nodes it stands for.</summary>
    public int Members { get; init; } = 1;

    /// <summary>True when some of its inputs were left out of the drawing.</summary>
    public bool HasHiddenChildren { get; set; }

    /// <summary>A record with the same fields and no operands yet: folding and truncation give it new ones.</summary>
    public DrawnNode Copy() => new()
    {
        Source = Source,
        Label = Label,
        Op = Op,
        Val = Val,
        Grad = Grad,
        Kind = Kind,
        SummaryLines = SummaryLines,
        Members = Members,
        HasHiddenChildren = HasHiddenChildren,
    };
}
