using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Lectures.Runner.Notebooks;

namespace Lectures.Runner.Execution;

/// <summary>
/// Builds one notebook's outputs as Jupyter keeps them, from the worker's messages: consecutive
/// text on the same stream is one output, a display update replaces the output with the same
/// display id (so "Installing packages" shows its final state), and a cell's output stops at
/// <see cref="MaxCellOutputChars"/> with a note saying how much was dropped, so one cell that
/// prints 50 MB cannot make a 100 MB notebook.
/// </summary>
internal sealed class CellOutputCollector
{
    /// <summary>The most characters of output one cell keeps (text, HTML and chart data together).</summary>
    public const int MaxCellOutputChars = 5_000_000;

    private readonly Dictionary<int, List<CellOutput>> _cells = [];
    private readonly Dictionary<string, (int Cell, int Index)> _displays = new(StringComparer.Ordinal);
    private readonly StringBuilder _stream = new();
    private List<CellOutput> _current = [];
    private int _currentCell;
    private string? _streamName;
    private long _kept;
    private long _dropped;

    /// <summary>Starts collecting for a cell; the previous cell must have been finished.</summary>
    public void Begin(int cellNumber)
    {
        _currentCell = cellNumber;
        _current = [];
        _cells[cellNumber] = _current;
        _kept = 0;
        _dropped = 0;
    }

    /// <summary>Adds an output message from the worker; false when the message is not an output.</summary>
    public bool Add(JsonObject message)
    {
        switch (WorkerProtocol.Kind(message))
        {
            case WorkerProtocol.MessageKind.Stream:
                AddStream(WorkerProtocol.Text(message, "name") == "stderr" ? "stderr" : "stdout", WorkerProtocol.Text(message, "text") ?? string.Empty);
                return true;
            case WorkerProtocol.MessageKind.Error:
                AddError(WorkerProtocol.Text(message, "name") ?? "Error", WorkerProtocol.Text(message, "message") ?? string.Empty);
                return true;
            case WorkerProtocol.MessageKind.Display or WorkerProtocol.MessageKind.Update:
                AddDisplay(message);
                return true;
            default:
                return false;
        }
    }

    /// <summary>Adds the error that ended the cell from outside (a timeout, a crash).</summary>
    public void AddError(string name, string message)
    {
        FlushStream();
        _current.Add(new ErrorOutput(name, message));
    }

    /// <summary>The cell's outputs, with the note on what the cap dropped.</summary>
    public IReadOnlyList<CellOutput> Finish()
    {
        FlushStream();
        if (_dropped > 0)
        {
            _current.Add(new StreamOutput("stderr", string.Create(
                CultureInfo.InvariantCulture,
                $"[output truncated: {_dropped:N0} more characters were dropped; a cell keeps at most {MaxCellOutputChars:N0}]\n")));
        }

        return _current;
    }

    /// <summary>Every cell's outputs as they stand at the end (a later display update may have changed an earlier cell).</summary>
    public IReadOnlyList<CellOutput> OutputsOf(int cellNumber) => _cells.GetValueOrDefault(cellNumber) ?? [];

    private void AddStream(string name, string text)
    {
        if (_kept + text.Length > MaxCellOutputChars)
        {
            int room = (int)Math.Max(0, MaxCellOutputChars - _kept);
            _dropped += text.Length - room;
            text = text[..room];
        }

        if (text.Length == 0)
        {
            return;
        }

        _kept += text.Length;
        if (_streamName != name)
        {
            FlushStream();
            _streamName = name;
        }

        _stream.Append(text);
    }

    private void AddDisplay(JsonObject message)
    {
        FlushStream();
        Dictionary<string, string> data = WorkerProtocol.Data(message);
        string? chart = WorkerProtocol.Text(message, "chart");
        if (chart is not null && !IsJsonObject(chart))
        {
            chart = null;
        }

        string? id = WorkerProtocol.Text(message, "id");
        var output = new DisplayOutput(data, WorkerProtocol.Flag(message, "ret"), chart);
        long size = data.Values.Sum(v => (long)v.Length) + (chart?.Length ?? 0);
        if (WorkerProtocol.Kind(message) == WorkerProtocol.MessageKind.Update && id is not null && _displays.TryGetValue(id, out (int Cell, int Index) earlier))
        {
            List<CellOutput> outputs = _cells[earlier.Cell];
            if (outputs[earlier.Index] is DisplayOutput old)
            {
                outputs[earlier.Index] = output with { IsReturnValue = old.IsReturnValue };
                return;
            }
        }

        if (_kept + size > MaxCellOutputChars)
        {
            _dropped += size;
            return;
        }

        _kept += size;
        _current.Add(output);
        if (id is not null)
        {
            _displays[id] = (_currentCell, _current.Count - 1);
        }
    }

    private void FlushStream()
    {
        if (_streamName is not null && _stream.Length > 0)
        {
            _current.Add(new StreamOutput(_streamName, _stream.ToString()));
        }

        _stream.Clear();
        _streamName = null;
    }

    private static bool IsJsonObject(string json)
    {
        try
        {
            return JsonNode.Parse(json) is JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }
}
