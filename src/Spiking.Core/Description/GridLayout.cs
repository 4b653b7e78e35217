namespace Spiking.Description;

/// <summary>
/// Neuron positions on a regular grid of <c>Nx × Ny × Nz</c> sites one grid unit apart, site
/// (x, y, z) at coordinates (x, y, z). Without a column, neuron i of the population sits at site i
/// (x slowest, z fastest) and the population fills the grid. With a column
/// (<see cref="PopulationSpec.Column"/>), the populations of that column share the grid's sites
/// (Maass, Natschläger &amp; Markram 2002: one column of 15×3×3 sites holds the excitatory and the
/// inhibitory neurons).
/// </summary>
public sealed record GridLayout(int Nx, int Ny, int Nz)
{
    /// <summary>Number of sites.</summary>
    public int Sites => Nx * Ny * Nz;

    /// <summary>Coordinates (grid units) of site <paramref name="site"/>.</summary>
    public (double X, double Y, double Z) Site(int site)
    {
        int z = site % Nz, y = site / Nz % Ny, x = site / (Ny * Nz);
        return (x, y, z);
    }
}
