using Spiking.Engine;
using Spiking.Readouts;

namespace Spiking.Cpu;

/// <summary>
/// A readout in the loop of a running network: after every step the readout reads the outputs of a
/// rate population, and its output z is injected into a rate_input population whose projections
/// feed it back (Sussillo &amp; Abbott 2009, Fig. 1A). Training by recursive least squares while the
/// loop runs is FORCE learning; with training off the network runs on its own output.
/// </summary>
public sealed class FeedbackLoop
{
    private readonly Simulator _sim;
    private readonly PopulationState _reservoir, _feedback;
    private readonly double[] _z;
    private readonly double[] _features;

    /// <summary>
    /// Reads <paramref name="reservoir"/> (a rate population) with <paramref name="readout"/> and
    /// feeds the output into <paramref name="feedback"/> (a rate_input population with one unit per output).
    /// </summary>
    public FeedbackLoop(Simulator simulator, string reservoir, string feedback, LinearReadout readout)
    {
        _sim = simulator;
        _reservoir = simulator.Network.Population(reservoir);
        _feedback = simulator.Network.Population(feedback);
        if (_reservoir.Group.Output is null) throw new ArgumentException($"population '{reservoir}' ({_reservoir.Model.Name}) has no rate output to read", nameof(reservoir));
        if (readout.Features != _reservoir.Size) throw new ArgumentException($"readout reads {readout.Features} features but '{reservoir}' has {_reservoir.Size} units", nameof(readout));
        if (_feedback.Size != readout.Outputs) throw new ArgumentException($"'{feedback}' has {_feedback.Size} units for {readout.Outputs} readout outputs", nameof(feedback));
        Readout = readout;
        if (_feedback.Group.Output is null || _feedback.Model.Name != "rate_input") throw new ArgumentException($"population '{feedback}' must be made of rate_input units to carry the fed-back output", nameof(feedback));
        _z = new double[readout.Outputs];
        _features = new double[readout.Features];
        simulator.AfterUpdate(AfterUpdate);
    }

    /// <summary>The readout in the loop.</summary>
    public LinearReadout Readout { get; }

    /// <summary>The readout's output after the last step.</summary>
    public ReadOnlySpan<double> Output => _z;

    /// <summary>Sets the value fed back in the first step (z(0)).</summary>
    public void SetOutput(ReadOnlySpan<double> z)
    {
        z.CopyTo(_z);
        _z.CopyTo(_feedback.Group.Output!.AsSpan());
    }

    /// <summary>Inside the step, after the update: z(n) = readout(r(n)) becomes the feedback units' output, propagated in the same step.</summary>
    private void AfterUpdate(long step)
    {
        _reservoir.Group.Output!.AsSpan().CopyTo(_features);
        Readout.Predict(_features, _z);
        _z.CopyTo(_feedback.Group.Output!.AsSpan());
    }

    /// <summary>
    /// One step of the network; inside it z = readout(r) is computed from the updated reservoir and
    /// fed back (so x(n+1) sees J·r(n) + w_f·z(n), as in Sussillo &amp; Abbott's equations). When
    /// <paramref name="trainer"/> is given, one RLS update towards <paramref name="target"/> follows,
    /// its error being that of the z just fed back (FORCE). Returns z[0].
    /// </summary>
    public double Step(RecursiveLeastSquares? trainer = null, ReadOnlySpan<double> target = default)
    {
        _sim.Run(_sim.Network.Dt);
        if (trainer is not null)
        {
            if (!ReferenceEquals(trainer.Readout, Readout)) throw new ArgumentException("the trainer trains another readout", nameof(trainer));
            trainer.Update(_features, target);
        }
        return _z[0];
    }
}
