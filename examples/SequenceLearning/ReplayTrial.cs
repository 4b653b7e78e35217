namespace SequenceLearning;

/// <summary>
/// One cue trial: the onset (ms after the cue's start) of each uncued group, in trained order (+∞ for a group
/// that did not reach its onset within the window), and the Spearman ρ of the onset order with the trained order.
/// </summary>
public sealed record ReplayTrial(IReadOnlyList<double> Onsets, double Spearman);
