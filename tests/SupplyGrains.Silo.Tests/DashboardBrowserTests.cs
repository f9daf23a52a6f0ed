using System.Diagnostics;
using System.Text.RegularExpressions;

namespace SupplyGrains.Silo.Tests;

/// <summary>
/// The Orleans dashboard in a real browser (Debian's headless Chromium): the page loads, its scripts fetch the
/// cluster's figures with the administrator's credentials from the Basic prompt, and it shows them.
/// </summary>
[Collection(WorkflowCollection.Name)]
public sealed partial class DashboardBrowserTests(WorkflowFixture fixture)
{
    private const string Chromium = "/usr/bin/chromium";

    [SkippableFact]
    public async Task AnAdministratorsBrowser_ShowsTheClusterItsScriptsFetched()
    {
        SkipUnlessChromium();

        var text = await RenderedText("dev-admin");

        Assert.Contains("Orleans Dashboard", text);
        // Figures the page's scripts fetched from /dashboard/... with the browser's cached Basic credentials.
        Assert.Matches(ActiveSilos(), text);
        Assert.True(int.Parse(TotalActivations().Match(text).Groups[1].Value) > 0, text[..Math.Min(600, text.Length)]);
    }

    [SkippableFact]
    public async Task AViewersBrowser_GetsForbidden()
    {
        SkipUnlessChromium();

        var text = await RenderedText("dev-viewer");

        Assert.Contains("\"status\":403", text);
        Assert.DoesNotContain("Total Activations", text);
    }

    private static void SkipUnlessChromium()
    {
        if (File.Exists(Chromium)) return;
        if (Environment.GetEnvironmentVariable("CI") is not null)
            throw new InvalidOperationException($"CI must provide a browser: {Chromium} is missing (.ci/run installs Debian's chromium).");
        Skip.If(true, $"The browser test needs Debian's chromium at {Chromium} (.ci/run installs it).");
    }

    /// <summary>The page as the browser rendered it after its scripts ran (virtual time lets them finish), as text.</summary>
    private async Task<string> RenderedText(string key)
    {
        var profile = Directory.CreateTempSubdirectory("supplygrains-chromium-");
        try
        {
            var url = new UriBuilder(new Uri(fixture.Silo.BaseAddress, "/dashboard/")) { UserName = "admin", Password = key }.Uri;
            var start = new ProcessStartInfo(Chromium) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[]
            {
                "--headless=new", "--no-sandbox", "--disable-gpu", $"--user-data-dir={profile.FullName}",
                "--virtual-time-budget=15000", "--dump-dom", url.AbsoluteUri,
            })
                start.ArgumentList.Add(argument);
            using var browser = Process.Start(start)!;
            var dom = browser.StandardOutput.ReadToEndAsync();
            _ = browser.StandardError.ReadToEndAsync(); // D-Bus complaints of a headless machine
            await browser.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(90));
            return Whitespace().Replace(Tags().Replace(await dom, " "), " ");
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"Active Silos 1\b")]
    private static partial Regex ActiveSilos();

    [GeneratedRegex(@"Total Activations (\d+)")]
    private static partial Regex TotalActivations();
}
