namespace Lectures.Browser;

/// <summary>
/// What every cell sees besides its own and earlier cells' code, as in a notebook kernel:
/// <c>display(value)</c>, which shows a value (a chart is drawn) where the cell's outputs are.
/// </summary>
public sealed class CellGlobals
{
    private readonly Action<object?> _display;

    internal CellGlobals(Action<object?> display) => _display = display;

    /// <summary>Shows <paramref name="value"/> among the cell's outputs, at the point the cell has reached.</summary>
    /// <returns>The value, so a call can stand inside an expression.</returns>
#pragma warning disable IDE1006 // The notebook kernels name it display, and cells call it so.
    public object? display(object? value)
#pragma warning restore IDE1006
    {
        _display(value);
        return value;
    }
}
