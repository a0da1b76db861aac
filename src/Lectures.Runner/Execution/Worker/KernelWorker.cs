using System.Net.Sockets;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json.Nodes;

namespace Lectures.Runner.Execution.Worker;

/// <summary>
/// The worker side: the runner's own executable started with the hidden <c>worker</c> verb in the
/// notebook's folder. It runs one notebook's cells in one kernel and reports over the socket it was
/// given; it keeps the machine's culture, as the notebook editors' kernels do.
/// </summary>
internal static class KernelWorker
{
    public static async Task<int> RunAsync(string socketPath)
    {
        // Ctrl-C in a terminal reaches the whole process group; the runner decides when a worker ends.
        using var ignoreInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => context.Cancel = true);
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            socket.Connect(new UnixDomainSocketEndPoint(socketPath));
        }
        catch (Exception e) when (e is SocketException or ArgumentException)
        {
            await Console.Error.WriteLineAsync($"error: no runner listens at {socketPath}; the {WorkerProtocol.WorkerVerb} verb is for the runner's own use ({e.Message}).");
            return 2;
        }

        using var stream = new NetworkStream(socket, ownsSocket: false);
        var gate = new Lock();
        void Send(JsonObject message)
        {
            byte[] bytes = WorkerProtocol.Encode(message);
            lock (gate)
            {
                stream.Write(bytes);
            }
        }

        // An exception nobody catches (a background thread, an async void method) ends the
        // process; say which one first, so the runner can name it.
        AppDomain.CurrentDomain.UnhandledException += (_, e) =>
        {
            string what = e.ExceptionObject is Exception ex ? $"{ex.GetType().Name}: {ex.Message}" : "a non-exception object";
            try
            {
                Send(WorkerProtocol.Fatal(what));
            }
            catch (Exception)
            {
                // The runner learns of the crash from the exit code and stderr instead.
            }
        };

        using var kernel = new NotebookKernel();
        await kernel.WarmUpAsync();
        Send(WorkerProtocol.Ready());
        using var reader = new StreamReader(stream, Encoding.UTF8);
        while (await reader.ReadLineAsync() is string line)
        {
            JsonObject? message = WorkerProtocol.Decode(line);
            if (message is null || WorkerProtocol.Kind(message) != WorkerProtocol.MessageKind.Run)
            {
                return 2;
            }

            // A graded check cell finds the seed of its hidden inputs and the sink of its answers; no other cell does.
            string? seed = WorkerProtocol.Text(message, "seed");
            AppContext.SetData(WorkerProtocol.GradingSeedKey, seed);
            AppContext.SetData(WorkerProtocol.AnswerSinkKey, seed is null ? null : (Action<string>)(record => Send(WorkerProtocol.Answers(record))));
            Send(WorkerProtocol.Started());
            string? error = await kernel.RunAsync(WorkerProtocol.Text(message, "code") ?? string.Empty, WorkerProtocol.Text(message, "kernel") ?? "csharp", Send);
            AppContext.SetData(WorkerProtocol.GradingSeedKey, null);
            AppContext.SetData(WorkerProtocol.AnswerSinkKey, null);
            Send(WorkerProtocol.Finished(error, PlotlyAssemblyPath()));
        }

        return 0;
    }

    /// <summary>Where the Plotly.NET the notebook loaded lives, so the runner can read plotly.js from that file for its pages.</summary>
    private static string? PlotlyAssemblyPath() =>
        AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => a.GetName().Name == "Plotly.NET") is Assembly plotly && !plotly.IsDynamic ? plotly.Location : null;
}
