namespace Spiking.Engine;

/// <summary>
/// A fixed set of threads that run numbered chunks of a job, taken from a shared counter, with a
/// barrier before and after. Jobs are cached delegates, so a step allocates nothing. With one
/// thread every job runs inline on the caller.
/// </summary>
internal sealed class WorkerPool : IDisposable
{
    private readonly Thread[] _workers;
    private readonly Barrier? _start, _done;
    private Action<int>? _job;
    private int _chunks, _next;
    private volatile bool _stop;

    public WorkerPool(int threads)
    {
        Threads = Math.Max(1, threads);
        _workers = new Thread[Threads - 1];
        if (Threads > 1)
        {
            _start = new Barrier(Threads);
            _done = new Barrier(Threads);
            for (int k = 0; k < _workers.Length; k++)
            {
                _workers[k] = new Thread(Loop) { IsBackground = true, Name = $"spiking-worker-{k + 1}" };
                _workers[k].Start();
            }
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
        _start!.SignalAndWait();
        Work();
        _done!.SignalAndWait();
    }

    private void Work()
    {
        var job = _job!;
        int c;
        while ((c = Interlocked.Increment(ref _next) - 1) < _chunks) job(c);
    }

    private void Loop()
    {
        while (true)
        {
            _start!.SignalAndWait();
            if (_stop) return;
            Work();
            _done!.SignalAndWait();
        }
    }

    public void Dispose()
    {
        if (Threads == 1 || _stop) return;
        _stop = true;
        _start!.SignalAndWait();
        foreach (var w in _workers) w.Join();
        _start.Dispose();
        _done!.Dispose();
    }
}
