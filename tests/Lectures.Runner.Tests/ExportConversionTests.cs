using Lectures.Runner.Exporting;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Lectures.Runner.Tests;

/// <summary>
/// A notebook's cells as a file-based app: each test converts a few cells and checks the program's
/// text, and that the program compiles as one (the script and the program disagree on scopes,
/// usings, extension methods and where types go).
/// </summary>
public sealed class ExportConversionTests
{
    private static readonly string Notebooks = Path.Combine(Repository.Root, "notebooks");

    private static readonly string[] SdkImplicitUsings = ["System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Threading", "System.Threading.Tasks"];

    [Fact]
    public void Kernel_references_become_project_and_package_directives_relative_to_the_output_folder()
    {
        ExportedApp app = Export(
            "#r \"nuget: Plotly.NET.Interactive, 6.0.0\"\n#r \"nuget: CsCheck, 5.0.1\"\n#r \"../src/Autograd.Charts/bin/Debug/net10.0/Autograd.dll\"\n#r \"../src/Autograd.Charts/bin/Debug/net10.0/Autograd.Charts.dll\"\n\nusing Autograd;\nConsole.WriteLine(new CompNode(2).Val);");

        Assert.StartsWith("#:project ../../src/Autograd.Charts/Autograd.Charts.csproj\n#:package Plotly.NET@6.0.0\n#:package CsCheck@5.0.1\n#:property ManagePackageVersionsCentrally=false\n", app.Text, StringComparison.Ordinal);
        Assert.Contains(app.Notes, n => n.Contains("Plotly.NET.Interactive extends the notebook kernel", StringComparison.Ordinal));
        Assert.DoesNotContain("#r ", app.Text, StringComparison.Ordinal);
        AssertCompiles(app, withLibrary: true);
    }

    [Fact]
    public void A_variable_declared_again_is_numbered_from_its_second_declaration_and_its_uses_follow()
    {
        ExportedApp app = Export("var x = 1;", "Console.WriteLine(x);", "string x = \"two\";", "Console.WriteLine(x.Length + x.Length);");

        Assert.Contains("var x = 1;", app.Text, StringComparison.Ordinal);
        Assert.Contains("// cell 2\nConsole.WriteLine(x);", app.Text, StringComparison.Ordinal);
        Assert.Contains("string x_2 = \"two\";", app.Text, StringComparison.Ordinal);
        Assert.Contains("Console.WriteLine(x_2.Length + x_2.Length);", app.Text, StringComparison.Ordinal);
        Assert.Contains(app.Notes, n => n == "cell 3: x is declared again (first in cell 1); a program has one scope for them, so from here on it is x_2");
        AssertCompiles(app);
    }

    [Fact]
    public void A_variable_declared_without_a_value_starts_at_its_default_as_the_scripts_field_does()
    {
        ExportedApp app = Export("int count;\nstring? name, other = \"b\";", "void Count() => count++;\nCount();\nConsole.WriteLine(count);");

        Assert.Contains("int count = default!;\nstring? name = default!, other = \"b\";", app.Text, StringComparison.Ordinal);
        AssertCompiles(app);
    }

    [Fact]
    public void A_method_declared_again_becomes_a_second_local_function_and_later_calls_use_it()
    {
        ExportedApp app = Export("int Twice(int a) => 2 * a;", "Console.WriteLine(Twice(2));", "double Twice(double a) => 2 * a;", "Console.WriteLine(Twice(1.5));");

        Assert.Contains("// cell 2\nConsole.WriteLine(Twice(2));", app.Text, StringComparison.Ordinal);
        Assert.Contains("double Twice_2(double a) => 2 * a;", app.Text, StringComparison.Ordinal);
        Assert.Contains("Console.WriteLine(Twice_2(1.5));", app.Text, StringComparison.Ordinal);
        AssertCompiles(app);
    }

    [Fact]
    public void Extension_methods_move_to_a_static_class_and_types_come_after_the_statements()
    {
        ExportedApp app = Export(
            "public class Point\n{\n    public int X { get; set; }\n}",
            "static int Doubled(this Point p) => 2 * p.X;\n\nvar p = new Point { X = 21 };\nConsole.WriteLine(p.Doubled());\nFunc<Point, int> asDelegate = Doubled;");

        Assert.Contains("static class NotebookExtensions\n{\n    // cell 2\n    internal static int Doubled(this Point p) => 2 * p.X;\n}", app.Text, StringComparison.Ordinal);
        Assert.Contains("Func<Point, int> asDelegate = NotebookExtensions.Doubled;", app.Text, StringComparison.Ordinal);
        Assert.True(app.Text.IndexOf("Console.WriteLine(p.Doubled());", StringComparison.Ordinal) < app.Text.IndexOf("public class Point", StringComparison.Ordinal), app.Text);
        AssertCompiles(app);
    }

    [Fact]
    public void A_last_value_is_printed_as_the_kernel_shows_it_and_a_last_void_call_only_gets_its_semicolon()
    {
        ExportedApp value = Export("double half = 0.5;\nhalf * 3");
        ExportedApp call = Export("Console.WriteLine(\"a\")");

        Assert.Contains("NotebookOutput.Show(half * 3, cell: 1);", value.Text, StringComparison.Ordinal);
        Assert.Contains("static class NotebookOutput", value.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Plotly", value.Text, StringComparison.Ordinal);
        Assert.Contains("Console.WriteLine(\"a\");", call.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("NotebookOutput", call.Text, StringComparison.Ordinal);
        AssertCompiles(value);
        AssertCompiles(call);
    }

    [Fact]
    public void An_alias_named_like_a_notebook_type_is_written_out_where_the_cell_uses_it()
    {
        ExportedApp app = Export("class Node { }\nvar mine = new Node();", "using Node = System.Text.StringBuilder;\n\nNode n = new();\nn.Append(\"a\");\nConsole.WriteLine(n);");

        Assert.Contains("System.Text.StringBuilder n = new();", app.Text, StringComparison.Ordinal);
        Assert.Contains("var mine = new Node();", app.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("using Node", app.Text, StringComparison.Ordinal);
        AssertCompiles(app);
    }

    [Fact]
    public void A_block_local_named_like_a_top_level_variable_is_renamed_and_usings_go_to_the_top()
    {
        ExportedApp app = Export(
            "for (int k = 0; k < 2; k++)\n{\n    int total = k;\n    Console.WriteLine(total);\n}",
            "using System.Diagnostics;\n\nint total = 5;\nvar watch = Stopwatch.StartNew();\nConsole.WriteLine(total);");

        Assert.Contains("    int total_2 = k;\n    Console.WriteLine(total_2);", app.Text, StringComparison.Ordinal);
        Assert.Contains("int total = 5;", app.Text, StringComparison.Ordinal);
        Assert.True(app.Text.IndexOf("using System.Diagnostics;", StringComparison.Ordinal) < app.Text.IndexOf("for (int k", StringComparison.Ordinal), app.Text);
        AssertCompiles(app);
    }

    [Fact]
    public void Markdown_becomes_comments_and_magic_commands_are_left_out_with_a_note()
    {
        ExportedApp app = NotebookExporter.Export(Notebook(Cell(1, "markdown", "# Title\n\nSome *text*."), Cell(2, "code", "#!time\nConsole.WriteLine(1);")), Settings());

        Assert.Contains("// # Title\n//\n// Some *text*.\n", app.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("#!time", app.Text, StringComparison.Ordinal);
        Assert.Contains(app.Notes, n => n.StartsWith("cell 2 line 1: the magic command #!time", StringComparison.Ordinal));
        AssertCompiles(app);
    }

    [Fact]
    public void A_cell_that_does_not_compile_before_others_is_named_with_its_error()
    {
        ExportException error = Assert.Throws<ExportException>(() => Export("var x = Missing.Thing();", "Console.WriteLine(1);"));

        Assert.StartsWith("cell 1 line 1 does not compile: CS0103 The name 'Missing' does not exist in the current context", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cell_for_another_kernel_is_refused()
    {
        NotebookDocument notebook = Notebook(Cell(1, "code", "Console.WriteLine(1);"), Cell(2, "code", "printfn \"1\"") with { KernelName = "fsharp" });

        ExportException error = Assert.Throws<ExportException>(() => NotebookExporter.Export(notebook, Settings()));

        Assert.Equal("cell 2 is for the fsharp kernel; a C# app can only hold C# cells", error.Message);
    }

    [Theory]
    [InlineData("#r \"/nowhere/lib.dll\"", "cell 1 line 1: /nowhere/lib.dll is not in a project's bin folder")]
    [InlineData("Console.WriteLine(1);\n#r \"System.Net.Http\"", "cell 1 line 2: #r \"System.Net.Http\" is not a package")]
    [InlineData("int Count { get; set; } = 3;", "cell 1 line 1: a PropertyDeclaration at the top of a cell")]
    [InlineData("var x = ;", "cell 1 line 1 does not parse as C#: CS1525")]
    public void What_a_program_cannot_have_is_refused_naming_the_cell_and_line(string cell, string message)
    {
        ExportException error = Assert.Throws<ExportException>(() => Export(cell));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    private static ExportSettings Settings() =>
        new("test", Notebooks, Path.Combine(Repository.Root, "artifacts", "export"), Repository.Root);

    private static ExportedApp Export(params string[] codeCells) =>
        NotebookExporter.Export(Notebook([.. codeCells.Select((source, i) => Cell(i + 1, "code", source))]), Settings());

    private static NotebookCell Cell(int number, string type, string source) => new() { Number = number, Type = type, Source = source };

    private static NotebookDocument Notebook(params NotebookCell[] cells) => new() { Path = Path.Combine(Notebooks, "test.ipynb"), Cells = cells };

    /// <summary>Compiles the app as the SDK does (its implicit usings, a console program), without its directives.</summary>
    private static void AssertCompiles(ExportedApp app, bool withLibrary = false)
    {
        string program = string.Join('\n', app.Text.Split('\n').Select(l => l.StartsWith("#:", StringComparison.Ordinal) ? string.Empty : l));
        string implicitUsings = string.Concat(SdkImplicitUsings.Select(u => $"global using global::{u};\n"));
        string library = Path.Combine(Repository.Root, "src", "Autograd.Charts", "bin", "Debug", "net10.0");
        IEnumerable<string> assemblies = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Concat(withLibrary ? [Path.Combine(library, "Autograd.dll"), Path.Combine(library, "Autograd.Charts.dll")] : []);
        var compilation = CSharpCompilation.Create(
            "app",
            [CSharpSyntaxTree.ParseText(program, new CSharpParseOptions(LanguageVersion.Latest)), CSharpSyntaxTree.ParseText(implicitUsings, new CSharpParseOptions(LanguageVersion.Latest))],
            assemblies.Distinct().Select(p => MetadataReference.CreateFromFile(p)),
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
        Diagnostic[] errors = [.. compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error)];
        Assert.True(errors.Length == 0, string.Join('\n', errors.Select(e => e.ToString())) + "\n" + app.Text);
    }
}
