namespace Spiking.Description;

/// <summary>
/// The complete, immutable description of a run: what a model file or the C# builder produces and
/// what an engine builds its state from. It holds no per-neuron state.
/// </summary>
public sealed record NetworkSpec(
    SimulationSpec Simulation,
    IReadOnlyList<PopulationSpec> Populations,
    IReadOnlyList<ProjectionSpec> Projections,
    IReadOnlyList<InputSpec> Inputs,
    IReadOnlyList<MonitorSpec> Monitors)
{
    /// <summary>The model file's text, stored in the output so that the file alone reproduces the run.</summary>
    public string? SourceText { get; init; }

    /// <summary>Named time series generated in code, for series inputs and readout targets.</summary>
    public IReadOnlyList<SeriesSpec> Series { get; init; } = [];

    /// <summary>Linear readouts trained during the run.</summary>
    public IReadOnlyList<ReadoutSpec> Readouts { get; init; } = [];

    /// <summary>Where the description came from (file path), for messages and output attributes.</summary>
    public string? SourceName { get; init; }

    /// <summary>
    /// The variant of the model file that was applied (the caller's choice, else the file's own
    /// <c>variant</c> key); null when none was. <see cref="SourceText"/> is the file as written, so an
    /// output records this beside it to reproduce the run.
    /// </summary>
    public string? Variant { get; init; }

    /// <summary>
    /// The factor the populations were resized by from the model file (<see cref="Spiking.Build.NetworkScaling"/>,
    /// <c>--scale</c>); 1 for the file as written.
    /// </summary>
    public double Scale { get; init; } = 1;
}
