namespace Spiking.Cli.Commands;

/// <summary>Process exit codes of the <c>spiking</c> command.</summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;
    /// <summary>Internal failure (a bug or the machine).</summary>
    public const int InternalError = 1;
    /// <summary>Bad input: model file, arguments or data file.</summary>
    public const int BadInput = 2;
    /// <summary><c>spiking rerun</c>: the run completed, but its spikes are not byte-identical to the output it reproduces.</summary>
    public const int Differs = 3;
}
