using Spiking.Engine;
using Spiking.Models;
using Spiking.Plasticity;
using Spiking.Readouts;

namespace Spiking.Runtime;

/// <summary>
/// A network being simulated, whatever the engine (time-stepped CPU, event-driven, device): the one
/// interface the command line, the examples and user programs drive. Engines are created through
/// <see cref="EngineCatalog"/>, never by naming their types. A feature an engine cannot run is refused
/// when the engine is created, with the reason (<see cref="IEngine.Unsupported"/>), not at run time.
/// </summary>
public interface ISimulation : IDisposable
{
    /// <summary>The network being run (its populations' state is the host copy: current after each run).</summary>
    Network Network { get; }

    /// <summary>Simulated time reached (ms); a run continues from here.</summary>
    double Time { get; }

    /// <summary>Worker threads in use (1 for engines that run on one thread or on a device).</summary>
    int Threads { get; }

    /// <summary>Where the network runs, as the HDF5 root attribute <c>backend</c> writes it (cpu, cuda, opencl, ilgpu-cpu).</summary>
    string Backend { get; }

    /// <summary>How it runs, as the HDF5 root attribute <c>mode</c> writes it (step, event, step-fast).</summary>
    string Mode { get; }

    /// <summary>One clause for a person: what runs where, e.g. "at dt 0.1 ms on 2 threads" or "uploaded to cuda (...) in 0.4 s".</summary>
    string Describe();

    /// <summary>
    /// Simulates <paramref name="duration"/> ms (the spec's duration when null) from <see cref="Time"/>,
    /// sending what the monitors record to <paramref name="recorder"/>.
    /// </summary>
    RunResult Run(double? duration = null, IRecorder? recorder = null, IProgress<RunProgress>? progress = null, CancellationToken cancel = default);

    /// <summary>The readouts of the spec, in order (their weights change while they learn).</summary>
    IReadOnlyList<LinearReadout> Readouts { get; }

    /// <summary>The learning rule state of the projection named <paramref name="projection"/> (null when it is static).</summary>
    /// <exception cref="ArgumentException">No projection has that name.</exception>
    PlasticityRuntime? Plasticity(string projection);

    /// <summary>
    /// Calls <paramref name="hook"/> in every step after the neuron update and before propagation, with
    /// the step number: what it writes into rate outputs is propagated in that same step.
    /// </summary>
    /// <exception cref="NotSupportedException">The engine has no steps (event-driven).</exception>
    void AfterUpdate(Action<long> hook);

    /// <summary>
    /// Runs the stochastic binary units of <paramref name="population"/> inferred: from the next step on,
    /// <paramref name="inference"/> sets their gates each step instead of sampling them (null: free again).
    /// </summary>
    void SetInference(string population, IGatedInference? inference);
}
