
namespace Autograd.Tests;

/// <summary>
/// A test that compares with PyTorch: it runs wherever <c>python3</c> can import <c>torch</c> and
/// always in CI (where a missing PyTorch fails it); elsewhere it is reported as skipped with the
/// command that installs it.
/// </summary>
public sealed class PyTorchFactAttribute : FactAttribute
{
    private static readonly Lazy<bool> s_available = new(() =>
    {
        try
        {
            return ChildProcess.Run(PyTorchFactAttribute.Python, ["-c", "import torch"], TimeSpan.FromMinutes(2)).ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    });

    public PyTorchFactAttribute()
    {
        if (!s_available.Value && Environment.GetEnvironmentVariable("CI") != "true")
        {
            Skip = "PyTorch is not installed here (apt-get install -y python3-torch); CI installs it and runs this test.";
        }
    }

    /// <summary>Debian's interpreter, where <c>python3-torch</c> installs.</summary>
    public static string Python => File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
}
