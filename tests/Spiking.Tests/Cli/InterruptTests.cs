using System.Diagnostics;
using Spiking.Tests.Core;

namespace Spiking.Tests.Cli;

/// <summary>
/// Issue 20: an interrupted run (SIGTERM, Ctrl-C) stops at the next step, says where it was, leaves no
/// file that looks complete (nothing at all: the temporary file and the spools are removed) and exits
/// with 128 + the signal's number, as shells report it (README, "Exit codes"). The command runs as a
/// process of its own and receives a real signal.
/// </summary>
public sealed class InterruptTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("spiking-interrupt-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("TERM", 143, "SIGTERM", "step")]
    [InlineData("INT", 130, "SIGINT", "step")]
    [InlineData("TERM", 143, "SIGTERM", "event")]
    public async Task A_signal_stops_the_run_at_the_next_step_and_leaves_no_output(string signal, int exitCode, string name, string mode)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "spiking.dll"), "run", RepoPaths.Model("cuba.toml"), "--duration", "1000 s", "--out", Path.Combine(_dir, "cuba.h5"), "--threads", "1", "--mode", mode })
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        // The first progress line comes a second into the simulation, when the output is being spooled.
        string? line;
        while ((line = p.StandardOutput.ReadLine()) is not null && !line.Contains(" ms  ", StringComparison.Ordinal)) { }
        Assert.NotNull(line);
        Assert.NotEmpty(Directory.GetFileSystemEntries(_dir)); // the spools of the running simulation

        using (var kill = Process.Start("kill", ["-" + signal, p.Id.ToString()])) kill.WaitForExit();
        var rest = p.StandardOutput.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await p.WaitForExitAsync(limit.Token); // throws when the run does not stop within a minute of the signal
        await rest;
        Assert.Equal(exitCode, p.ExitCode);
        string err = await stderr;
        Assert.Contains("interrupted by", err);
        Assert.Contains(name, err);
        Assert.Matches(@"at t = [1-9][0-9.]* ms of 1000000 ms", err);
        Assert.Contains("nothing written", err);
        Assert.Empty(Directory.GetFileSystemEntries(_dir));
    }
}
