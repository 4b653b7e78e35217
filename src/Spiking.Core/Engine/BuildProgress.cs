namespace Spiking.Engine;

/// <summary>
/// Where a network build is: projections whose synapses are drawn, of how many, the synapses drawn so far, the
/// projection just finished and wall seconds since the build began. Reported once per projection, from
/// whichever thread drew it.
/// </summary>
public readonly record struct BuildProgress(int ProjectionsDone, int Projections, long Synapses, string Projection, double WallSeconds);
