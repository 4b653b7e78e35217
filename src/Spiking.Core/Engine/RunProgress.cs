namespace Spiking.Engine;

/// <summary>Where a run is: simulated time done and total (ms), wall seconds so far.</summary>
public readonly record struct RunProgress(double SimulatedTime, double TotalTime, double WallSeconds)
{
    /// <summary>Simulated seconds per wall second so far.</summary>
    public double RealTimeFactor => WallSeconds > 0 ? SimulatedTime / 1000.0 / WallSeconds : 0;
}
