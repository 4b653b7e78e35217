using Spiking.Engine;
using Spiking.Models;

namespace Spiking.Plasticity;

/// <summary>The phases, statistics and epoch updates of <see cref="BoltzmannLearningRule"/> on one projection.</summary>
internal sealed class BoltzmannLearningRuntime : PlasticityRuntime
{
    private readonly HopfieldGroup _units;
    private readonly double _eta;
    private readonly int _visible;
    private readonly bool _biasUnit, _persistent;
    private readonly int _clampedLength, _freeLength; // sweeps per phase
    private readonly int _clampedFrom, _freeFrom;     // the first sweep of each phase whose statistics count
    private readonly double[] _clamped, _free; // per synapse, Σ s_i s_j over the counted sweeps of the epoch
    private readonly double[] _hold;
    private readonly double[][] _chains; // pcd: each image's persistent free chain
    private long _position; // sweeps done in the current epoch

    internal BoltzmannLearningRuntime(ProjectionState projection, PlasticitySettings settings, double dt) : base(projection, settings, dt)
    {
        _units = projection.Post.Group as HopfieldGroup
            ?? throw new ArgumentException($"rule 'boltzmann_learning' needs boltzmann units on projection '{projection.Spec.Name}'");
        _eta = settings["eta"];
        _visible = (int)settings["visible"];
        _biasUnit = settings["bias_unit"] == 1;
        string method = settings.Option("method");
        if (method == "boltzmann")
        {
            int burnIn = (int)settings["burn_in"], sweeps = (int)settings["phase_sweeps"];
            _clampedLength = _freeLength = burnIn + sweeps;
            _clampedFrom = _freeFrom = burnIn;
        }
        else
        {
            int k = (int)settings["k"];
            (_clampedLength, _clampedFrom, _freeLength, _freeFrom) = (1, 0, k, k - 1);
        }
        _persistent = method == "pcd";
        int size = projection.Post.Size;
        if (_visible + (_biasUnit ? 1 : 0) > size)
            throw new ArgumentException($"projection '{projection.Spec.Name}': {_visible} visible units{(_biasUnit ? " and a bias unit" : "")} do not fit in '{projection.Post.Spec.Name}' ({size} units)");
        if (_units.Low != 0) throw new ArgumentException($"rule 'boltzmann_learning' learns 0/1 units; population '{projection.Post.Spec.Name}' has spin = 1");
        Data = BarsAndStripes.Images((int)Math.Round(Math.Sqrt(_visible)));
        _clamped = new double[Weights.Length];
        _free = new double[Weights.Length];
        _hold = new double[size];
        _chains = _persistent ? Data.Select(_ => new double[size]).ToArray() : [];
        if (_biasUnit) foreach (var chain in _chains) chain[^1] = 1;
        StartPhase();
    }

    /// <summary>The data set, one image per row (visible units 0/1).</summary>
    public double[][] Data { get; }

    /// <summary>Sweeps (steps) in one epoch: every image, clamped then free.</summary>
    public long EpochSteps => (long)Data.Length * (_clampedLength + _freeLength);

    /// <summary>Epochs completed (weight updates made).</summary>
    public int Epochs { get; private set; }

    /// <inheritdoc/>
    protected internal override void AfterPropagation(long step)
    {
        var (image, clamped, inPhase) = Phase(_position);
        if (inPhase >= (clamped ? _clampedFrom : _freeFrom)) Accumulate(clamped ? _clamped : _free);
        if (!clamped && inPhase == _freeLength - 1 && _persistent) _units.Output.CopyTo(_chains[image], 0);
        _position++;
        if (_position == EpochSteps)
        {
            // Each phase's statistics are averaged over its counted sweeps and the images.
            double clampedScale = _eta / (Data.Length * (double)(_clampedLength - _clampedFrom));
            double freeScale = _eta / (Data.Length * (double)(_freeLength - _freeFrom));
            for (int s = 0; s < Weights.Length; s++) Store(s, Weights[s] + clampedScale * _clamped[s] - freeScale * _free[s]);
            Array.Clear(_clamped); Array.Clear(_free);
            _position = 0;
            Epochs++;
        }
        if (Phase(_position).InPhase == 0) StartPhase();
    }

    /// <summary>The image, the phase (clamped or free) and the sweep inside it at sweep <paramref name="position"/> of the epoch.</summary>
    private (int Image, bool Clamped, long InPhase) Phase(long position)
    {
        long perImage = _clampedLength + _freeLength;
        long within = position % perImage;
        return within < _clampedLength ? ((int)(position / perImage), true, within) : ((int)(position / perImage), false, within - _clampedLength);
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

    /// <summary>Clamps (and, for pcd's free phase, restores the image's chain) for the phase starting at the current position.</summary>
    private void StartPhase()
    {
        var (image, clamped, _) = Phase(_position);
        Array.Fill(_hold, double.NaN);
        if (clamped) Data[image].CopyTo(_hold, 0);
        else if (_persistent) _chains[image].CopyTo(_units.Output, 0);
        if (_biasUnit) _hold[^1] = 1;
        _units.Clamp(_hold);
    }
}
