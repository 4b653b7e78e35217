namespace Spiking.Motion;

/// <summary>A grey-level movie, [frame, row, column] row-major, as read from a user's HDF5 file.</summary>
/// <param name="Frames">Number of frames T.</param>
/// <param name="Height">Rows H.</param>
/// <param name="Width">Columns W.</param>
/// <param name="Pixels">T × H × W values.</param>
public sealed record MovieData(int Frames, int Height, int Width, float[] Pixels)
{
    /// <summary>Value at (t, row, column).</summary>
    public float this[int t, int row, int column] => Pixels[((long)t * Height + row) * Width + column];
}
