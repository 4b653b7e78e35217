namespace Spiking.Description;

/// <summary>
/// A named time series generated in code (Spiking.Tasks.SeriesGenerators), one value per step: a
/// signal to drive rate_input units with, or a target for a readout. Parameters are plain numbers
/// in the generator's own units (see the generator's documentation).
/// </summary>
public sealed record SeriesSpec(string Name, string Generator, IReadOnlyDictionary<string, double> Parameters);

/// <summary>
/// Drives the units of <paramref name="Target"/> (usually rate_input units) with channel
/// <paramref name="Channel"/> of series <paramref name="Series"/>: in step n each unit's injected
/// value is the series' value n (as a current input with one amplitude per step).
/// </summary>
public sealed record SeriesInputSpec(string Name, string Target, string Series, string Channel = "value") : InputSpec(Name, Target);

/// <summary>How a readout learns.</summary>
public enum ReadoutMethod
{
    /// <summary>Offline ridge regression on the training window, then frozen.</summary>
    Ridge,
    /// <summary>Online least mean squares during the training window.</summary>
    Lms,
    /// <summary>Online recursive least squares during the training window.</summary>
    Rls,
    /// <summary>RLS with the output fed back into the network (Sussillo &amp; Abbott 2009).</summary>
    Force,
}

/// <summary>
/// A linear readout of a population, trained to a target series and scored on the rest of the run.
/// Features are the units' outputs for rate populations, or the spike trains filtered by an
/// exponential of time constant <see cref="FilterTau"/> for spiking ones. Time windows, in ms from
/// the start: [Washout, Train) trains, [Train, end) tests (with <see cref="Method"/> Force the
/// network then runs on its own fed-back output).
/// </summary>
public sealed record ReadoutSpec(string Name, string Population, string Target, string Channel = "value")
{
    /// <summary>Steps the target is shifted: the readout at step n learns target value n + Shift (1 = one-step-ahead prediction).</summary>
    public int Shift { get; init; }

    /// <summary>Time (ms) before which nothing is learned or scored.</summary>
    public double Washout { get; init; }

    /// <summary>End (ms) of the training window; the test window runs from here to the end of the run.</summary>
    public double Train { get; init; }

    /// <summary>How the readout learns (default offline ridge regression).</summary>
    public ReadoutMethod Method { get; init; } = ReadoutMethod.Ridge;

    /// <summary>Ridge regulariser λ (method Ridge).</summary>
    public double Ridge { get; init; } = 1e-6;

    /// <summary>RLS regulariser α, P(0) = I/α (methods Rls and Force).</summary>
    public double Alpha { get; init; } = 1;

    /// <summary>LMS learning rate μ.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Online methods update every this many steps.</summary>
    public int LearnEvery { get; init; } = 1;

    /// <summary>
    /// A rate_input population of one unit that the output is fed back into: with method Force from
    /// the start; with the others after training, when <see cref="FreeRunning"/> (the network then
    /// generates the series itself: give the population that the series input drives).
    /// </summary>
    public string? Feedback { get; init; }

    /// <summary>Filter time constant (ms) of spike-train features of spiking populations.</summary>
    public double FilterTau { get; init; } = 20;

    /// <summary>Test window with <see cref="Feedback"/>: feed back the output (true) or the target (false: teacher forcing; for Force), or leave the series input (other methods).</summary>
    public bool FreeRunning { get; init; } = true;

    /// <summary>
    /// The readout keeps the weights it was given (a saved trained model run again): it neither learns
    /// nor fits, and <see cref="Washout"/> and <see cref="Train"/> only mark the windows it is scored
    /// over (and, with <see cref="Feedback"/>, when teacher forcing ends), as in the run that trained it.
    /// </summary>
    public bool Frozen { get; init; }
}
