using ScottPlot;
using SkiaSharp;

namespace Spiking.Cli.Commands;

/// <summary>
/// Writes a figure in the format its file name asks for: <c>.png</c> (raster), <c>.svg</c> (vector, plain
/// text) or <c>.pdf</c> (vector, one page). The same drawing code renders all three through one SkiaSharp
/// canvas, so the vector files hold paths and text, not an embedded bitmap.
/// </summary>
public static class FigureFile
{
    /// <summary>The file name endings <see cref="Save"/> writes, as the error message lists them.</summary>
    public const string Formats = ".png, .svg or .pdf";

    /// <summary>
    /// Makes new plots use a sans-serif face where one is installed. ScottPlot's own pick on Debian is
    /// DejaVu Serif even for "sans"; figures in papers use a sans face for axes and labels.
    /// </summary>
    public static void PreferSansSerif()
    {
        var installed = SKFontManager.Default.GetFontFamilies();
        foreach (var face in new[] { "DejaVu Sans", "Liberation Sans", "Noto Sans", "Arial", "Helvetica" })
            if (installed.Contains(face, StringComparer.OrdinalIgnoreCase))
            {
                Fonts.Default = face;
                Fonts.Sans = face;
                return;
            }
    }

    /// <summary>
    /// Checks before any drawing that <paramref name="path"/> (given to <paramref name="option"/>) ends in a
    /// format this writer knows and that its folder exists; writes the reason to <paramref name="stderr"/> and
    /// returns false when it does not.
    /// </summary>
    public static bool CheckDestination(string path, string option, TextWriter stderr)
    {
        string ext = Path.GetExtension(path).ToLowerInvariant();
        if (ext is not (".png" or ".svg" or ".pdf"))
        {
            stderr.WriteLine($"error: {option} {path}: cannot write '{(ext.Length == 0 ? "(no extension)" : ext)}' figures; the file name must end in {Formats}");
            return false;
        }
        string? dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null && !Directory.Exists(dir))
        {
            stderr.WriteLine($"error: {option} {path}: directory {dir} does not exist");
            return false;
        }
        if (Directory.Exists(path))
        {
            stderr.WriteLine($"error: {option} {path}: is a directory; expected a file name ending in {Formats}");
            return false;
        }
        return true;
    }

    /// <summary>
    /// Writes <paramref name="path"/> by handing <paramref name="render"/> a canvas of the format its extension
    /// names. Throws <see cref="IOException"/> or <see cref="UnauthorizedAccessException"/> when the file cannot be written.
    /// </summary>
    public static void Save(string path, int width, int height, Action<SKCanvas, PixelRect> render)
    {
        var rect = new PixelRect(0, width, height, 0);
        string ext = Path.GetExtension(path).ToLowerInvariant();
        if (ext is ".svg" or ".pdf")
        {
            // ScottPlot renders a plot a second time when the first render settled its axis limits; on a vector
            // canvas both would be kept (every mark twice). A first render to a bitmap settles them.
            using var scratch = SKSurface.Create(new SKImageInfo(width, height));
            if (scratch is not null) render(scratch.Canvas, rect);
        }
        // Drawn in memory and written in one piece: a failed render leaves no half-written figure.
        using var stream = new MemoryStream();
        switch (ext)
        {
            case ".png":
            {
                using var surface = SKSurface.Create(new SKImageInfo(width, height)) ?? throw new IOException($"cannot allocate a {width}x{height} image");
                surface.Canvas.Clear(SKColors.White);
                render(surface.Canvas, rect);
                using var image = surface.Snapshot();
                using var data = image.Encode(SKEncodedImageFormat.Png, 100);
                data.SaveTo(stream);
                break;
            }
            case ".svg":
            {
                // The SVG canvas writes its document when disposed, so it must go before the stream.
                using (var canvas = SKSvgCanvas.Create(new SKRect(0, 0, width, height), stream))
                    render(canvas, rect);
                break;
            }
            case ".pdf":
            {
                using var document = SKDocument.CreatePdf(stream) ?? throw new IOException("SkiaSharp cannot create a PDF here");
                var canvas = document.BeginPage(width, height);
                render(canvas, rect);
                document.EndPage();
                document.Close();
                break;
            }
            default:
                throw new ArgumentException($"{path}: cannot write '{ext}' figures; expected {Formats}", nameof(path));
        }
        File.WriteAllBytes(path, stream.ToArray());
    }

    /// <summary>
    /// Saves through <see cref="Save(string, int, int, Action{SKCanvas, PixelRect})"/> and reports: "wrote PATH" on
    /// <paramref name="stdout"/> and 0, or the reason on <paramref name="stderr"/> and exit 2.
    /// </summary>
    public static int Write(string path, int width, int height, Action<SKCanvas, PixelRect> render, TextWriter stdout, TextWriter stderr)
    {
        try
        {
            Save(path, width, height, render);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"error: cannot write {path}: {e.Message}");
            return ExitCodes.BadInput;
        }
        stdout.WriteLine($"wrote {path}");
        return ExitCodes.Ok;
    }

    /// <summary><see cref="Write"/> for one plot.</summary>
    public static int Write(string path, Plot plot, int width, int height, TextWriter stdout, TextWriter stderr)
        => Write(path, width, height, (canvas, rect) => plot.Render(canvas, rect), stdout, stderr);

    /// <summary><see cref="Write"/> for plots laid out together.</summary>
    public static int Write(string path, Multiplot multiplot, int width, int height, TextWriter stdout, TextWriter stderr)
        => Write(path, width, height, (canvas, rect) => multiplot.Render(canvas, rect), stdout, stderr);
}
