namespace Spiking.Plasticity;

/// <summary>
/// The bars-and-stripes data set (MacKay 2003): n×n binary images in which either every row or every
/// column is constant, 2·2ⁿ − 2 distinct images (all-off and all-on are both bars and stripes and counted
/// once). Pixels in row-major order, values 0/1.
/// </summary>
internal static class BarsAndStripes
{
    /// <summary>The 2·2ⁿ − 2 distinct images of side <paramref name="n"/>, in a fixed order.</summary>
    public static double[][] Images(int n)
    {
        var images = new List<double[]>();
        var seen = new HashSet<string>();
        for (int orientation = 0; orientation < 2; orientation++)
            for (int code = 0; code < 1 << n; code++)
            {
                var image = new double[n * n];
                for (int r = 0; r < n; r++)
                    for (int c = 0; c < n; c++)
                        image[r * n + c] = ((code >> (orientation == 0 ? r : c)) & 1) == 1 ? 1 : 0;
                if (seen.Add(string.Concat(image))) images.Add(image);
            }
        return images.ToArray();
    }
}
