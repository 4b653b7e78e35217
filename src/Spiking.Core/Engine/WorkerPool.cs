namespace Spiking.Engine;

/// <summary>
/// A fixed set of threads that run numbered chunks of a job, taken from a shared counter. A phase
/// is started by bumping a generation number and ended when every worker has reported; both sides
/// spin (yielding, never sleeping) because a step's phases last microseconds, and a worker that
/// has waited long blocks on a monitor so an idle simulator burns no CPU. Jobs are cached delegates,
/// so a step allocates nothing. With one thread every job runs inline on the caller.
/// </summary>
internal sealed class WorkerPool : IDisposable
{
    private const int SpinsBeforeBlocking = 2000;
    private readonly Thread[] _workers;
    private readonly object _gate = new();
    private Action<int>? _job;
    private int _chunks, _next, _pending, _generation;
    private volatile bool _stop;

    public WorkerPool(int threads)
    {
        Threads = Math.Max(1, threads);
        _workers = new Thread[Threads - 1];
        for (int k = 0; k < _workers.Length; k++)
        {
            _workers[k] = new Thread(Loop) { IsBackground = true, Name = $"spiking-worker-{k + 1}" };
            _workers[k].Start();
        }
    }

    public int Threads { get; }

    /// <summary>Runs job(0) … job(chunks − 1), in parallel when there is more than one thread and chunk.</summary>
    public void Run(int chunks, Action<int> job)
    {
        if (Threads == 1 || chunks <= 1)
        {
            for (int c = 0; c < chunks; c++) job(c);
            return;
        }
        _job = job;
        _chunks = chunks;
        _next = 0;
        Volatile.Write(ref _pending, _workers.Length);
        lock (_gate)
        {
            _generation++;
            Monitor.PulseAll(_gate);
        }
        Work();
        var spinner = new SpinWait();
        while (Volatile.Read(ref _pending) != 0) spinner.SpinOnce(sleep1Threshold: -1);
    }

    private void Work()
    {
        var job = _job!;
        int c;
        while ((c = Interlocked.Increment(ref _next) - 1) < _chunks) job(c);
    }

    private void Loop()
    {
        int seen = 0;
        while (true)
        {
            var spinner = new SpinWait();
            while (Volatile.Read(ref _generation) == seen)
            {
                if (spinner.Count < SpinsBeforeBlocking)
                {
                    spinner.SpinOnce(sleep1Threshold: -1);
                    continue;
                }
                lock (_gate)
                    while (Volatile.Read(ref _generation) == seen) Monitor.Wait(_gate);
            }
            seen = Volatile.Read(ref _generation);
            if (_stop) return;
            Work();
            Interlocked.Decrement(ref _pending);
        }
    }

    public void Dispose()
    {
        if (_stop) return;
        _stop = true;
        lock (_gate)
        {
            _generation++;
            Monitor.PulseAll(_gate);
        }
        foreach (var w in _workers) w.Join();
    }
}
