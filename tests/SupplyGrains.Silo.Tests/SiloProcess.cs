using System.Diagnostics;
using System.Net;
using System.Runtime.InteropServices;

namespace SupplyGrains.Silo.Tests;

/// <summary>
/// The real host, as a process this test owns: started on free ports with its own SQLite file, ready when
/// <c>/health/ready</c> says so, and killable with SIGKILL by its own PID.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(90);
    private readonly Process _process;
    private readonly OutputTail _output = new();

    private SiloProcess(Process process, Uri baseAddress, int siloPort)
    {
        _process = process;
        BaseAddress = baseAddress;
        SiloPort = siloPort;
    }

    public Uri BaseAddress { get; }

    /// <summary>The silo's process id: for SIGKILL, and for reading what runs inside it from /proc.</summary>
    public int ProcessId => _process.Id;

    /// <summary>The Orleans silo-to-silo port: how the cluster's membership names this silo.</summary>
    public int SiloPort { get; }

    /// <summary>The last lines the silo wrote, for failure messages.</summary>
    public string RecentOutput => _output.Last(60);

    /// <summary>
    /// Starts a silo on <paramref name="dataPath"/> (a SQLite file the caller owns and cleans up); <paramref name="settings"/>
    /// are more command-line settings (e.g. the PostgreSQL profile), which win over the defaults here.
    /// </summary>
    public static async Task<SiloProcess> StartAsync(string dataPath, bool loadDemo = true, IReadOnlyList<string>? settings = null)
    {
        // A free port is free when asked, not necessarily when the silo binds it: other test processes start silos
        // beside this one. A start that lost its port to one of them is tried again on fresh ports.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnceAsync(dataPath, loadDemo, settings);
            }
            catch (PortTakenException) when (attempt < 3)
            {
            }
        }
    }

    private sealed class PortTakenException(string message) : InvalidOperationException(message);

    private static async Task<SiloProcess> StartOnceAsync(string dataPath, bool loadDemo, IReadOnlyList<string>? settings)
    {
        var (httpPort, siloPort) = (FreePorts.Next(), FreePorts.Next());
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] arguments =
        [
            SiloAssembly(), "--urls", $"http://127.0.0.1:{httpPort}",
            "--Orleans:SiloPort", siloPort.ToString(), "--Orleans:GatewayPort", FreePorts.Next().ToString(),
            "--Storage:Path", dataPath, "--Demo:LoadOnEmptyStore", loadDemo ? "true" : "false",
            "--Metrics:ScrapeCacheMilliseconds", "0",
            .. settings ?? [],
        ];
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        start.Environment["Logging__LogLevel__Default"] = "Warning";

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var silo = new SiloProcess(process, new Uri($"http://127.0.0.1:{httpPort}"), siloPort);
        silo._output.Follow(process);
        await silo.WaitUntilReady();
        return silo;
    }

    /// <summary>Kills the process with SIGKILL: no shutdown hooks, no flushing, like a power cut for the process.</summary>
    public async Task KillAsync()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>
    /// Sends SIGTERM, as an orchestrator does before it kills, and waits for the process to exit by itself; returns its
    /// exit code. Past <paramref name="deadline"/> it is killed and the test fails.
    /// </summary>
    public async Task<int> TerminateAsync(TimeSpan deadline)
    {
        Signal(SigTerm);
        using var timeout = new CancellationTokenSource(deadline);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            await KillAsync();
            throw new TimeoutException($"The silo did not exit within {deadline.TotalSeconds} s of SIGTERM:\n{RecentOutput}");
        }
        return _process.ExitCode;
    }

    /// <summary>Stops the process where it stands (SIGSTOP), as a long GC pause or a frozen VM would: it answers nothing, and cannot tell.</summary>
    public void Pause() => Signal(SigStop);

    /// <summary>Lets a paused process run on (SIGCONT).</summary>
    public void Resume() => Signal(SigCont);

    /// <summary>Whether the process has exited (by itself, or killed).</summary>
    public bool HasExited => _process.HasExited;

    private void Signal(int signal)
    {
        if (kill(_process.Id, signal) != 0) throw new InvalidOperationException($"kill({_process.Id}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");
    }

    private const int SigTerm = 15;
    private const int SigStop = 19;
    private const int SigCont = 18;

    // .NET sends only SIGKILL (Process.Kill); SIGTERM, SIGSTOP and SIGCONT only libc's kill sends.
    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);

    public HttpClient Client(string? apiKey = "dev-admin")
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (apiKey is not null) client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private async Task WaitUntilReady()
    {
        using var http = Client(apiKey: null);
        var deadline = DateTime.UtcNow + StartDeadline;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                _process.WaitForExit(); // the last lines of output are in
                var message = $"The silo exited with code {_process.ExitCode}:\n{RecentOutput}";
                throw RecentOutput.Contains("address already in use", StringComparison.OrdinalIgnoreCase)
                    ? new PortTakenException(message) : new InvalidOperationException(message);
            }
            try
            {
                using var response = await http.GetAsync("/health/ready");
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
        await KillAsync();
        throw new TimeoutException($"The silo was not ready within {StartDeadline.TotalSeconds} s:\n{RecentOutput}");
    }

    /// <summary>The silo built next to these tests, in the same configuration (Debug or Release).</summary>
    private static string SiloAssembly()
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory);
        var framework = here.Name;
        var configuration = here.Parent!.Name;
        var root = here;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "SupplyGrains.sln"))) root = root.Parent;
        if (root is null) throw new InvalidOperationException("SupplyGrains.sln not found above " + AppContext.BaseDirectory);
        var dll = Path.Combine(root.FullName, "src", "SupplyGrains.Silo", "bin", configuration, framework, "SupplyGrains.Silo.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build the silo first", dll);
    }
}
