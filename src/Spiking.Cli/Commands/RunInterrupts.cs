using System.Runtime.InteropServices;

namespace Spiking.Cli.Commands;

/// <summary>
/// Turns Ctrl-C (SIGINT) and SIGTERM during a run into a request to stop at the next step: the engines
/// check <see cref="Token"/> between steps, the run command removes what it had written and exits with
/// <see cref="ExitCode"/> (128 + the signal number, as shells report a process ended by a signal). A second
/// signal is left to the system's default handling, which ends the process at once.
/// </summary>
internal sealed class RunInterrupts : IDisposable
{
    /// <summary>Exit code after Ctrl-C (SIGINT, signal 2).</summary>
    public const int SigIntExit = 130;

    /// <summary>Exit code after SIGTERM (signal 15).</summary>
    public const int SigTermExit = 143;

    private readonly CancellationTokenSource _cancel = new();
    private readonly List<PosixSignalRegistration> _registrations = [];

    public RunInterrupts()
    {
        _registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGINT, c => Stop(c, SigIntExit, "Ctrl-C (SIGINT)")));
        _registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => Stop(c, SigTermExit, "SIGTERM")));
    }

    /// <summary>Cancelled when the first signal arrives.</summary>
    public CancellationToken Token => _cancel.Token;

    /// <summary>The exit code of the signal received; null while none has arrived.</summary>
    public int? ExitCode { get; private set; }

    /// <summary>The signal received, for messages ("SIGTERM").</summary>
    public string Signal { get; private set; } = "";

    /// <summary>Requests a stop as if <paramref name="signal"/> had arrived (tests; <see cref="ExitCode"/> becomes <paramref name="exitCode"/>).</summary>
    public void Request(int exitCode, string signal)
    {
        if (ExitCode is not null) return;
        (ExitCode, Signal) = (exitCode, signal);
        _cancel.Cancel();
    }

    private void Stop(PosixSignalContext context, int exitCode, string signal)
    {
        if (ExitCode is not null) return; // the second signal: let the system end the process
        context.Cancel = true;
        Request(exitCode, signal);
    }

    public void Dispose()
    {
        foreach (var r in _registrations) r.Dispose();
        _cancel.Dispose();
    }
}
