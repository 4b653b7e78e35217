using System.Diagnostics;
using Spiking.Cli;

namespace Spiking.Tests.Cli.Broken;

/// <summary>
/// Runs every case of <see cref="BrokenCorpus"/> (tests/broken and the mutations of models/) through
/// the command line: each must exit 2 (never 1, never a stack trace), name the file, the field and the
/// line where known, write at most <see cref="MaxStderrLines"/> lines, leave no file behind and finish
/// within <see cref="Timeout"/>. In-process by default; with SPIKING_CLI set to a built spiking.dll the
/// same cases run against that program as a process (how the count before the fixes was measured).
/// </summary>
public sealed class BrokenInputTests
{
    /// <summary>A wrong input is answered quickly: this is a hang.</summary>
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    /// <summary>One clear message, not a flood: 20 problems, a count of the rest, and a header.</summary>
    private const int MaxStderrLines = 24;

    public static TheoryData<string> CaseIds()
    {
        var data = new TheoryData<string>();
        foreach (var id in BrokenCorpus.Cases.Keys) data.Add(id);
        return data;
    }

    [Fact]
    public void The_corpus_holds_at_least_150_cases_of_every_family()
    {
        var ids = BrokenCorpus.Cases.Keys.ToArray();
        Assert.True(ids.Length >= 150, $"{ids.Length} cases");
        foreach (var family in new[] { "hand/", "gen/", "args/", "file/", "data/" })
            Assert.Contains(ids, id => id.StartsWith(family, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(CaseIds))]
    public void Each_bad_input_exits_2_with_one_clear_message_and_leaves_nothing(string id)
    {
        var c = BrokenCorpus.Cases[id];
        var fixtures = BrokenFixtures.Instance;
        var dir = Directory.CreateTempSubdirectory("spiking-broken-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "model.toml"), fixtures.ValidModel);
            File.WriteAllBytes(Path.Combine(dir, "results.h5"), fixtures.Results);
            File.WriteAllBytes(Path.Combine(dir, "trained.h5"), fixtures.Trained);
            File.WriteAllText(Path.Combine(dir, "notes.txt"), "a file of the user's, not an output\n");
            c.Write(dir, fixtures);
            var before = Listing(dir);

            var runs = new List<string[]>();
            if (c.ModelFile is { } model)
            {
                string path = Path.Combine(dir, model);
                if (!c.RunOnly) runs.Add(["validate", path]);
                runs.Add(["run", path, "--out", Path.Combine(dir, "out.h5"), "--quiet"]);
            }
            else
            {
                runs.Add(c.Args!.Select(a => a
                    .Replace("{model}", Path.Combine(dir, "model.toml")).Replace("{results}", Path.Combine(dir, "results.h5"))
                    .Replace("{trained}", Path.Combine(dir, "trained.h5")).Replace("{text}", Path.Combine(dir, "notes.txt"))
                    .Replace("{dir}", dir)).ToArray());
            }
            foreach (var args in runs)
            {
                var (code, stderr) = Run(args);
                string what = $"spiking {string.Join(' ', args.Select(a => a.Replace(dir, "DIR")))}\n--- stderr ---\n{stderr}";
                Assert.True(code == 2, $"exit {code}, expected 2: {what}");
                Assert.False(stderr.Contains("   at ") || stderr.Contains("Exception") || stderr.Contains("internal error"), "a stack trace or exception: " + what);
                int lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
                Assert.True(lines is > 0 and <= MaxStderrLines, $"{lines} lines on stderr: {what}");
                if (c.ModelFile is { } m) Assert.True(stderr.Contains(Path.Combine(dir, m)), "the message does not name the file: " + what);
                foreach (var e in c.Expect)
                {
                    string expected = e.Replace("{model}", Path.Combine(dir, "model.toml")).Replace("{results}", Path.Combine(dir, "results.h5"))
                        .Replace("{text}", Path.Combine(dir, "notes.txt")).Replace("{dir}", dir);
                    Assert.True(stderr.Contains(expected, StringComparison.OrdinalIgnoreCase), $"'{e}' not named: {what}");
                }
                if (c.Line is { } line) Assert.True(stderr.Contains($"line {line}"), $"line {line} not named: {what}");
                var after = Listing(dir);
                Assert.True(after.SetEquals(before), $"files left behind ({string.Join(", ", after.Except(before))}) or removed ({string.Join(", ", before.Except(after))}): {what}");
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static HashSet<string> Listing(string dir)
        => Directory.EnumerateFileSystemEntries(dir, "*", SearchOption.AllDirectories)
            .Select(p => p + (File.Exists(p) ? ":" + new FileInfo(p).Length : "/")).ToHashSet();

    private static (int Code, string Stderr) Run(string[] args)
    {
        if (Environment.GetEnvironmentVariable("SPIKING_CLI") is { Length: > 0 } dll) return RunProcess(dll, args);
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var task = Task.Run(() =>
        {
            try
            {
                return Program.Invoke(args, stdout, stderr);
            }
            catch (Exception e)
            {
                // What Program.Main does with an exception that escapes: exit 1 with the trace.
                stderr.WriteLine($"internal error: {e}");
                return 1;
            }
        });
        if (!task.Wait(Timeout)) return (-1, $"did not finish within {Timeout.TotalSeconds} s (a hang)\n" + stderr);
        return (task.Result, stderr.ToString());
    }

    private static (int Code, string Stderr) RunProcess(string dll, string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        psi.ArgumentList.Add(dll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEndAsync();
        var output = p.StandardOutput.ReadToEndAsync();
        if (!p.WaitForExit(Timeout))
        {
            p.Kill(entireProcessTree: true);
            return (-1, "did not finish (a hang)");
        }
        output.Wait();
        return (p.ExitCode, err.Result);
    }
}
