using System.Runtime.InteropServices;
using PureHDF;
using PureHDF.Selections;
using PureHDF.VOL.Native;

namespace Spiking.IO.Hdf5;

// The recorder's spools: what a run records, kept in temporary files until the run ends and the HDF5 file is written.
public sealed partial class Hdf5Recorder
{
    /// <summary>A spool: binary files appended to during the run and read back in blocks at the end.</summary>
    private abstract class Spool
    {
        private readonly List<FileStream> _streams = [];

        protected FileStream Open(string path)
        {
            var s = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16);
            _streams.Add(s);
            return s;
        }

        public void Close()
        {
            foreach (var s in _streams) s.Dispose();
        }

        protected static void Append<T>(FileStream s, ReadOnlySpan<T> values) where T : struct
            => s.Write(MemoryMarshal.AsBytes(values));

        /// <summary>Fills <paramref name="into"/> with the elements that start <paramref name="offset"/> elements into <paramref name="s"/>.</summary>
        protected static void ReadBlock<T>(FileStream s, long offset, Span<T> into) where T : struct
        {
            s.Position = offset * Marshal.SizeOf<T>();
            s.ReadExactly(MemoryMarshal.AsBytes(into));
        }
    }

    private sealed class SpikeSpool : Spool
    {
        private readonly FileStream _times, _ids;
        private double[] _sortTimes = [];
        private int[] _sortIds = [];
        private double _last = double.NegativeInfinity;

        public SpikeSpool(string times, string ids, int populationSize, int recorded)
        {
            _times = Open(times);
            _ids = Open(ids);
            PopulationSize = populationSize;
            Recorded = recorded;
        }

        public int PopulationSize { get; }
        public int Recorded { get; }
        public long Count { get; private set; }
        public bool Sorted { get; private set; } = true;

        public void Add(ReadOnlySpan<double> times, ReadOnlySpan<int> ids)
        {
            if (times.Length != ids.Length) throw new ArgumentException("times and node ids differ in length");
            if (times.Length == 0) return;
            bool ordered = true;
            for (int k = 1; k < times.Length && ordered; k++) ordered = times[k] >= times[k - 1];
            if (!ordered)
            {
                // Precise spike times: within a step the engine orders by id; order by time (then id).
                if (_sortTimes.Length < times.Length) { _sortTimes = new double[times.Length]; _sortIds = new int[times.Length]; }
                var st = _sortTimes.AsSpan(0, times.Length);
                var si = _sortIds.AsSpan(0, ids.Length);
                times.CopyTo(st);
                ids.CopyTo(si);
                st.Sort(si);
                for (int a = 0, b; a < st.Length; a = b)
                {
                    for (b = a + 1; b < st.Length && st[b] == st[a]; b++) { }
                    if (b - a > 1) si[a..b].Sort();
                }
                times = st;
                ids = si;
            }
            if (times[0] < _last) Sorted = false;
            _last = times[^1];
            Append(_times, times);
            Append(_ids, ids);
            Count += times.Length;
        }

        public void WriteTo(H5NativeWriter writer, H5Dataset<double[]> times, H5Dataset<ulong[]> ids)
        {
            var t = new double[(int)Math.Min(Count, BlockSize)];
            var i = new int[t.Length];
            var u = new ulong[t.Length];
            for (long start = 0; start < Count; start += BlockSize)
            {
                int n = (int)Math.Min(BlockSize, Count - start);
                if (n < t.Length) { t = new double[n]; i = new int[n]; u = new ulong[n]; }
                ReadBlock<double>(_times, start, t);
                ReadBlock<int>(_ids, start, i);
                for (int k = 0; k < n; k++) u[k] = (ulong)i[k];
                var selection = new HyperslabSelection((ulong)start, (ulong)n);
                writer.Write(times, t, fileSelection: selection);
                writer.Write(ids, u, fileSelection: selection);
            }
        }
    }

    private sealed class StateSpool : Spool
    {
        private readonly FileStream _time, _values;

        public StateSpool(string time, string values, string[] variables, string[] units, int[] neurons, double interval)
        {
            _time = Open(time);
            _values = Open(values);
            Variables = variables;
            Units = units;
            Neurons = neurons;
            Interval = interval;
        }

        public string[] Variables { get; }
        public string[] Units { get; }
        public int[] Neurons { get; }
        public double Interval { get; }
        public long Count { get; private set; }

        public void Add(double time, ReadOnlySpan<double> values)
        {
            if (values.Length != Variables.Length * Neurons.Length)
                throw new ArgumentException($"a state sample has {values.Length} values; expected {Variables.Length} variables × {Neurons.Length} neurons");
            Append(_time, [time]);
            Append(_values, values);
            Count++;
        }

        public void WriteTo(H5NativeWriter writer, H5Dataset<double[]> time, H5Dataset<double[]>[] datasets)
        {
            var buffer = new double[(int)Math.Min(Count, BlockSize)];
            for (long start = 0; start < Count; start += BlockSize)
            {
                int n = (int)Math.Min(BlockSize, Count - start);
                if (n < buffer.Length) buffer = new double[n];
                ReadBlock<double>(_time, start, buffer);
                writer.Write(time, buffer, fileSelection: new HyperslabSelection((ulong)start, (ulong)n));
            }

            int neurons = Neurons.Length, vars = Variables.Length;
            if (Count == 0 || neurons == 0) return;
            Dataset2D(Count, neurons, null, out int band); // the chunk rows: write whole bands of chunks
            var rows = new double[band * vars * neurons];
            var slices = new double[vars][];
            for (long start = 0; start < Count; start += band)
            {
                int r = (int)Math.Min(band, Count - start);
                var read = rows.AsSpan(0, r * vars * neurons);
                ReadBlock<double>(_values, start * vars * neurons, read);
                for (int v = 0; v < vars; v++)
                {
                    if (slices[v] is null || slices[v].Length != r * neurons) slices[v] = new double[r * neurons];
                    for (int row = 0; row < r; row++)
                        read.Slice((row * vars + v) * neurons, neurons).CopyTo(slices[v].AsSpan(row * neurons));
                    writer.Write(datasets[v], slices[v], fileSelection: new HyperslabSelection(2, [(ulong)start, 0], [(ulong)r, (ulong)neurons]));
                }
            }
        }
    }

    /// <summary>Readout outputs as (time, prediction, target) rows, written as three datasets, and the weights when training ended.</summary>
    private sealed class ReadoutSpool : Spool
    {
        private readonly FileStream _rows;

        public ReadoutSpool(string path) => _rows = Open(path);

        /// <summary>[output, 0] bias, [output, 1 + j] feature j.</summary>
        public double[,]? Weights { get; set; }

        public long Count { get; private set; }

        public void Add(double a, double b, double c)
        {
            Append(_rows, [a, b, c]);
            Count++;
        }

        public void WriteTo(H5NativeWriter writer, H5Dataset<double[]> first, H5Dataset<double[]> second, H5Dataset<double[]> third)
        {
            var rows = new double[3 * (int)Math.Min(Count, BlockSize)];
            for (long start = 0; start < Count; start += BlockSize)
            {
                int n = (int)Math.Min(BlockSize, Count - start);
                ReadBlock<double>(_rows, 3 * start, rows.AsSpan(0, 3 * n));
                var a = new double[n]; var b = new double[n]; var c = new double[n];
                for (int k = 0; k < n; k++) { a[k] = rows[3 * k]; b[k] = rows[3 * k + 1]; c[k] = rows[3 * k + 2]; }
                var selection = new HyperslabSelection((ulong)start, (ulong)n);
                writer.Write(first, a, fileSelection: selection);
                writer.Write(second, b, fileSelection: selection);
                writer.Write(third, c, fileSelection: selection);
            }
        }
    }

    private sealed class RateSpool : Spool
    {
        private readonly FileStream _pairs;

        public RateSpool(string path, double bin, int recorded)
        {
            _pairs = Open(path);
            Bin = bin;
            Recorded = recorded;
        }

        public double Bin { get; }
        public int Recorded { get; }
        public long Count { get; private set; }

        public void Add(double time, double rate)
        {
            Append(_pairs, [time, rate]);
            Count++;
        }

        public void WriteTo(H5NativeWriter writer, H5Dataset<double[]> time, H5Dataset<double[]> rate)
        {
            var pairs = new double[2 * (int)Math.Min(Count, BlockSize)];
            for (long start = 0; start < Count; start += BlockSize)
            {
                int n = (int)Math.Min(BlockSize, Count - start);
                ReadBlock<double>(_pairs, 2 * start, pairs.AsSpan(0, 2 * n));
                var t = new double[n];
                var r = new double[n];
                for (int k = 0; k < n; k++) { t[k] = pairs[2 * k]; r[k] = pairs[2 * k + 1]; }
                var selection = new HyperslabSelection((ulong)start, (ulong)n);
                writer.Write(time, t, fileSelection: selection);
                writer.Write(rate, r, fileSelection: selection);
            }
        }
    }
}
