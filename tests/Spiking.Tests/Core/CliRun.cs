using Spiking.Cli;

namespace Spiking.Tests.Core;

/// <summary>Runs the <c>spiking</c> command in-process, capturing its exit code and output.</summary>
internal static class CliRun
{
    public static (int Code, string Out, string Err) RunCli(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int code = Program.Invoke(args, o, e);
        return (code, o.ToString(), e.ToString());
    }
}
