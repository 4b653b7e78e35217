using Spiking.Description;
using Spiking.Engine;
using Spiking.Readouts;

namespace Spiking.Runtime;

/// <summary>
/// A <see cref="ReadoutSpec"/> while a simulator runs. Called in every step after the neuron
/// update (before propagation, so a fed-back output reaches the network in the same step as in
/// Sussillo &amp; Abbott's equations). The readout after step n reads the state after that step and
/// is trained on the target's value n − 1 + Shift: the kernel delivers a unit's output one step
/// later, so the state after step n has seen an input series up to value n − 1, and Shift = 1 is
/// one-step-ahead prediction.
/// </summary>
internal sealed class ReadoutRuntime
{
    private readonly ReadoutSpec _spec;
    private readonly int _index;
    private readonly PopulationState _population;
    private readonly PopulationState? _feedback;
    private readonly double[] _target;
    private readonly double[] _features;
    private readonly double[] _one = new double[1];
    private readonly double _decay, _dt;
    private readonly long _washout, _trainEnd;
    private readonly RidgeRegression? _ridge;
    private readonly RecursiveLeastSquares? _rls;
    private readonly LeastMeanSquares? _lms;
    private bool _trained;
    private double _z;
    private long _trainSteps, _testSteps;
    private double _trainSq, _trainSum, _trainSumSq, _testSq, _testSum, _testSumSq;

    public ReadoutRuntime(ReadoutSpec spec, int index, Network network, double[] target)
    {
        _spec = spec;
        _index = index;
        _population = network.Population(spec.Population);
        _feedback = spec.Feedback is null ? null : network.Population(spec.Feedback);
        _target = target;
        Readout = new LinearReadout(_population.Size, 1);
        _features = new double[_population.Size];
        double dt = network.Dt;
        _dt = dt;
        _decay = Math.Exp(-dt / spec.FilterTau);
        _washout = (long)Math.Round(spec.Washout / dt);
        _trainEnd = (long)Math.Round(spec.Train / dt);
        switch (spec.Method)
        {
            case ReadoutMethod.Ridge: _ridge = new RidgeRegression(_population.Size, 1); break;
            case ReadoutMethod.Lms: _lms = new LeastMeanSquares(Readout, spec.LearningRate); break;
            default: _rls = new RecursiveLeastSquares(Readout, spec.Alpha); break;
        }
    }

    public LinearReadout Readout { get; }

    public string Name => _spec.Name;

    private double TargetAt(long n)
    {
        long k = n - 1 + _spec.Shift;
        return k >= 0 && k < _target.Length ? _target[k] : double.NaN;
    }

    /// <summary>Step n has been updated: read the features, learn, predict, feed back, record.</summary>
    public void AfterUpdate(long n, IRecorder? recorder)
    {
        ReadFeatures();
        if (n == _trainEnd) EndTraining(recorder);
        double y = TargetAt(n);
        bool training = !_spec.Frozen && n >= _washout && n < _trainEnd && !double.IsNaN(y);
        _z = Readout.Predict(_features);
        if (training && (n - _washout) % _spec.LearnEvery == 0)
        {
            _one[0] = y;
            if (_rls is not null) _rls.Update(_features, _one);
            else _lms?.Update(_features, _one);
        }
        if (training && _ridge is not null)
        {
            _one[0] = y;
            _ridge.Add(_features, _one);
        }
        if (_feedback is not null)
        {
            // FORCE feeds its own output back from the start (the target only in a teacher-forced
            // test); the other methods are teacher-forced by the series input while they train and
            // run on their own output afterwards (generative mode, Jaeger & Haas 2004).
            bool testing = n >= _trainEnd;
            if (_spec.Method == ReadoutMethod.Force)
                _feedback.Group.Output![0] = testing && !_spec.FreeRunning && !double.IsNaN(y) ? y : _z;
            else if (testing && _spec.FreeRunning)
                _feedback.Group.Output![0] = _z;
        }
        if (!double.IsNaN(y) && n >= _washout)
        {
            double e = _z - y;
            if (n < _trainEnd) { _trainSteps++; _trainSq += e * e; _trainSum += y; _trainSumSq += y * y; }
            else { _testSteps++; _testSq += e * e; _testSum += y; _testSumSq += y * y; }
        }
        // The state after step n is the state at (n + 1)·dt, the time /state stamps it with. Before a
        // ridge fit, or before an online method starts learning, the weights are the initial zeros:
        // their output is no prediction, and it is recorded as NaN rather than as a 0 that looks like one.
        bool predicts = _spec.Frozen || (_ridge is not null ? _trained : n >= _washout);
        recorder?.RecordReadout(_index, (n + 1) * _dt, predicts ? _z : double.NaN, y);
    }

    private void ReadFeatures()
    {
        if (_population.Group.Output is { } output)
        {
            output.AsSpan().CopyTo(_features);
            return;
        }
        // Spiking population: exponentially filtered spike trains, each spike adding 1.
        for (int i = 0; i < _features.Length; i++) _features[i] *= _decay;
        foreach (int i in _population.LastSpikes) _features[i] += 1;
    }

    private void EndTraining(IRecorder? recorder)
    {
        if (_trained) return;
        _trained = true;
        // The training error of an offline fit is that of the fitted readout on the training rows
        // (its output during training was the untrained one), from the accumulated sums.
        if (_ridge is { Count: > 0 }) _trainSq = _ridge.Fit(Readout, _spec.Ridge);
        recorder?.RecordReadoutWeights(_index, (double[,])Readout.Weights.Clone());
    }

    /// <summary>
    /// End of a run: when the run has reached the end of the spec's duration, training that has not
    /// ended yet ends now (a ridge readout is fitted); a shorter run (one step of a loop) leaves it going.
    /// </summary>
    public void Finish(IRecorder? recorder, bool complete)
    {
        if (complete) EndTraining(recorder);
    }

    public ReadoutScore Score()
    {
        static double Nrmse(double sq, double sum, double sumSq, long count)
        {
            if (count == 0) return double.NaN;
            double mean = sum / count, variance = sumSq / count - mean * mean;
            return Math.Sqrt(sq / count) / Math.Sqrt(Math.Max(variance, 0));
        }
        return new ReadoutScore(_spec.Name, _trainSteps, _testSteps,
            _testSteps > 0 ? Math.Sqrt(_testSq / _testSteps) : double.NaN,
            Nrmse(_testSq, _testSum, _testSumSq, _testSteps),
            Nrmse(_trainSq, _trainSum, _trainSumSq, _trainSteps));
    }
}
