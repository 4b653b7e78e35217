using Spiking.Engine;
using Spiking.Models;

namespace Spiking.Plasticity;

/// <summary>The phases, statistics and epoch updates of <see cref="BoltzmannLearningRule"/> on one projection.</summary>
public sealed class BoltzmannLearningRuntime : PlasticityRuntime
{
    private readonly HopfieldGroup _units;
    private readonly double _eta;
    private readonly int _visible, _sweeps, _burnIn;
    private readonly bool _biasUnit;
    private readonly double[] _clamped, _free; // per synapse, Σ s_i s_j over the averaged sweeps of the epoch
    private readonly double[] _hold;
    private long _position; // sweeps done in the current epoch

    internal BoltzmannLearningRuntime(ProjectionState projection, PlasticitySettings settings, double dt) : base(projection, settings, dt)
    {
        _units = projection.Post.Group as HopfieldGroup
            ?? throw new ArgumentException($"rule 'boltzmann_learning' needs boltzmann units on projection '{projection.Spec.Name}'");
        _eta = settings["eta"];
        _visible = (int)settings["visible"];
        _sweeps = (int)settings["phase_sweeps"];
        _burnIn = (int)settings["burn_in"];
        _biasUnit = settings["bias_unit"] == 1;
        int size = projection.Post.Size;
        if (_visible + (_biasUnit ? 1 : 0) > size)
            throw new ArgumentException($"projection '{projection.Spec.Name}': {_visible} visible units{(_biasUnit ? " and a bias unit" : "")} do not fit in '{projection.Post.Spec.Name}' ({size} units)");
        if (_units.Low != 0) throw new ArgumentException($"rule 'boltzmann_learning' learns 0/1 units; population '{projection.Post.Spec.Name}' has spin = 1");
        Data = BarsAndStripes.Images((int)Math.Round(Math.Sqrt(_visible)));
        _clamped = new double[Weights.Length];
        _free = new double[Weights.Length];
        _hold = new double[size];
        SetPhase(0);
    }

    /// <summary>The data set, one image per row (visible units 0/1).</summary>
    public double[][] Data { get; }

    /// <summary>Sweeps (steps) in one epoch: every image, clamped then free.</summary>
    public long EpochSteps => 2L * Data.Length * (_burnIn + _sweeps);

    /// <summary>Epochs completed (weight updates made).</summary>
    public int Epochs { get; private set; }

    /// <inheritdoc/>
    protected internal override void AfterPropagation(long step)
    {
        long phaseLength = _burnIn + _sweeps;
        long inPhase = _position % phaseLength;
        bool clamped = _position / phaseLength % 2 == 0;
        if (inPhase >= _burnIn) Accumulate(clamped ? _clamped : _free);
        _position++;
        if (_position == EpochSteps)
        {
            double scale = _eta / (Data.Length * (double)_sweeps);
            for (int s = 0; s < Weights.Length; s++) Store(s, Weights[s] + scale * (_clamped[s] - _free[s]));
            Array.Clear(_clamped); Array.Clear(_free);
            _position = 0;
            Epochs++;
        }
        if (_position % phaseLength == 0) SetPhase(_position);
    }

    /// <summary>Adds s_i s_j of the state after this sweep to every synapse's sum.</summary>
    private void Accumulate(double[] sums)
    {
        var s = _units.Output;
        var table = Projection.Synapses;
        for (int j = 0; j < s.Length; j++)
        {
            if (s[j] == 0) continue;
            for (long k = table.RowStart[j]; k < table.RowStart[j + 1]; k++) sums[k] += s[table.Target[k]];
        }
    }

    /// <summary>Clamps for the phase that starts at sweep <paramref name="position"/> of the epoch.</summary>
    private void SetPhase(long position)
    {
        long phase = position / (_burnIn + _sweeps);
        Array.Fill(_hold, double.NaN);
        if (phase % 2 == 0) Data[phase / 2].CopyTo(_hold, 0);
        if (_biasUnit) _hold[^1] = 1;
        _units.Clamp(_hold);
    }
}
