namespace Lectures.Browser;

/// <summary>
/// One output of a cell as the page shows it, in the order the cell produced them: printed text
/// (<c>stdout</c>, <c>stderr</c>), a displayed or returned value (<c>text</c>, <c>html</c>), a chart's
/// plotly.js figure (<c>chart</c>), a note from the page's runtime (<c>note</c>), or an error (<c>error</c>).
/// </summary>
/// <param name="Kind">What the page does with it (one of the kinds above).</param>
/// <param name="Text">The text, the HTML, or the figure's JSON.</param>
public sealed record CellOutput(string Kind, string Text);
