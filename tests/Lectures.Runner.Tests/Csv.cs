using System.Text;

namespace Lectures.Runner.Tests;

/// <summary>Reads RFC 4180 CSV (quoted fields, doubled quotes, CRLF), strictly enough to catch a quoting mistake.</summary>
internal static class Csv
{
    public static List<string[]> Parse(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new StringBuilder();
        int i = 0;
        while (i < text.Length)
        {
            if (text[i] == '"' && field.Length == 0)
            {
                i++;
                while (true)
                {
                    if (i >= text.Length)
                    {
                        throw new FormatException("a quoted field is never closed");
                    }

                    if (text[i] == '"' && i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i += 2;
                    }
                    else if (text[i] == '"')
                    {
                        i++;
                        break;
                    }
                    else
                    {
                        field.Append(text[i++]);
                    }
                }

                if (i < text.Length && text[i] is not (',' or '\r'))
                {
                    throw new FormatException($"text after a closing quote at {i}");
                }
            }
            else if (text[i] == ',')
            {
                row.Add(field.ToString());
                field.Clear();
                i++;
            }
            else if (text[i] == '\r')
            {
                if (i + 1 >= text.Length || text[i + 1] != '\n')
                {
                    throw new FormatException($"a CR without LF at {i}");
                }

                row.Add(field.ToString());
                field.Clear();
                rows.Add([.. row]);
                row.Clear();
                i += 2;
            }
            else if (text[i] is '\n' or '"')
            {
                throw new FormatException($"'{text[i]}' outside quotes at {i}");
            }
            else
            {
                field.Append(text[i++]);
            }
        }

        if (field.Length > 0 || row.Count > 0)
        {
            throw new FormatException("the last row does not end with CRLF");
        }

        return rows;
    }
}
